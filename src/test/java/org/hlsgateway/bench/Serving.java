package org.hlsgateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Figure 3: requests/s, MB/s and latency for the live playlist and a 1 MB segment, with 50 and
 * 500 keep-alive connections, against nginx serving the same directory. Gateway and nginx runs
 * alternate so that a disturbance hits both.
 */
final class Serving {

    private final Bench.Context ctx;

    Serving(Bench.Context ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        String nickname = "bench-serve";
        Gateway gw = ctx.gateway();
        try (Camera camera = Camera.start(ctx.root(), 1)) {
            gw.createChannel(nickname, camera.url());
            Player player = new Player(gw.http, gw.base());
            player.coldStart(nickname);
            ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor();
            // a viewer keeps the channel alive while nginx has its turn
            keepAlive.scheduleWithFixedDelay(() -> {
                try {
                    player.playlist(nickname);
                } catch (Exception e) {
                    // next time
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
            try {
                Path dir = gw.channelDir(nickname).orElseThrow(() -> new IllegalStateException("no directory for " + nickname));
                List<String> segments = Player.segments(Files.readString(dir.resolve("index.m3u8")));
                String run = segments.get(0).substring(0, segments.get(0).indexOf('-'));
                // a name this run's playlist could list (FFmpeg is far from segment 999999), 1 MB of noise
                String big = run + "-999999.ts";
                byte[] noise = new byte[1 << 20];
                new Random(1).nextBytes(noise);
                Files.write(dir.resolve(big), noise);
                try (Nginx nginx = Nginx.start(dir, ctx.out().resolve("nginx"))) {
                    for (String file : List.of("index.m3u8", big)) {
                        for (int connections : List.of(50, 500)) {
                            measure(nickname, file, connections, nginx, gw);
                        }
                    }
                }
            } finally {
                keepAlive.shutdownNow();
            }
        }
    }

    private void measure(String nickname, String file, int connections, Nginx nginx, Gateway gw) throws Exception {
        String what = (file.endsWith(".m3u8") ? "live playlist" : "1 MB segment") + ", " + connections + " connections";
        ServingFigures figures = new ServingFigures();
        String gatewayPath = "/hls_gateway/read/" + nickname + "/" + file;
        // warm-up of both servers (the JVM needs ~20 s of load before C2 has compiled the hot path), not counted
        LoadClient.run(gw.port, gatewayPath, connections, Math.max(5, ctx.seconds()));
        LoadClient.run(nginx.port, "/" + file, connections, 2);
        for (int i = 0; i < ctx.runs(); i++) {
            LoadClient.Result g = LoadClient.run(gw.port, gatewayPath, connections, ctx.seconds());
            LoadClient.Result n = LoadClient.run(nginx.port, "/" + file, connections, ctx.seconds());
            figures.add(g, n);
            System.out.printf("  %s run %d: gateway %.0f req/s %.1f MB/s p50 %.2f p99 %.2f ms (errors %d, reconnects %d); "
                            + "nginx %.0f req/s %.1f MB/s p50 %.2f p99 %.2f ms (errors %d, reconnects %d)%n",
                    what, i + 1, g.requestsPerSecond(), g.megabytesPerSecond(), g.p50Millis(), g.p99Millis(), g.errors(), g.reconnects(),
                    n.requestsPerSecond(), n.megabytesPerSecond(), n.p50Millis(), n.p99Millis(), n.errors(), n.reconnects());
        }
        figures.report(ctx.report(), "Serving " + what, "nginx, same file", "");
    }
}
