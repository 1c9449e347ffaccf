package org.hlsgateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * LL-HLS serving (issue #15): requests/s, MB/s, p50 and p99 for the LL playlist (a plain GET, no blocking), a real
 * part and a real whole segment of a live LL channel on the 1 s-GOP camera, with 50 and 500 keep-alive connections
 * (wrk), against nginx serving the very bytes the gateway answered, from files. Before every gateway run the harness
 * reads the playlist afresh, picks the objects, fetches them from the gateway and writes them into nginx's directory
 * under the same names; then gateway and nginx runs alternate. The gateway is measured on its media listener
 * ({@code HLS_MEDIA_PORT}) and on the container's port, each against nginx in the same run. Target: ≥ 0.8 × nginx, p99 ≤ 2 × nginx.
 */
final class LlServing {

    enum Target { PLAYLIST, PART, SEGMENT }

    private final Bench.Context ctx;
    private final LiveLlChannel channel;
    private final Path www;
    private final int port;
    private final String where;

    /** Serving measured on {@code port}: the media listener's or the container's, named {@code where}. */
    LlServing(Bench.Context ctx, LiveLlChannel channel, int port, String where) {
        this.ctx = ctx;
        this.channel = channel;
        this.port = port;
        this.where = where;
        this.www = ctx.out().resolve("llserving-www");
    }

    void run() throws Exception {
        Proc.deleteTree(www);
        Files.createDirectories(www);
        try (Nginx nginx = Nginx.start(www, ctx.out().resolve("nginx-ll"))) {
            for (Target target : Target.values()) {
                for (int connections : List.of(50, 500)) {
                    measure(target, connections, nginx);
                }
            }
        }
        ctx.report().note("Load client: wrk 4.1 (2 threads, epoll, `--timeout 10s`, `--latency`), the same for both servers; "
                + "warm-up of " + Report.num(Math.max(10, ctx.seconds())) + " s on the gateway and 2 s on nginx before each figure, "
                + "not counted. Playlist: the LL playlist of the live channel, rendered per request by the gateway; nginx serves "
                + "one snapshot of it. Part: the second part (not INDEPENDENT) of the newest whole segment. Segment: the newest "
                + "whole segment. Objects are picked afresh before each run pair, so their sizes vary a little.");
    }

    /** Picks the object from a fresh playlist, fetches it from the gateway and writes it for nginx; returns its name. */
    private String fresh(Target target) throws Exception {
        LlPlaylist playlist = channel.playlist();
        String name = switch (target) {
            case PLAYLIST -> "index.m3u8";
            case SEGMENT -> playlist.segments.get(playlist.segments.size() - 1);
            case PART -> {
                long msn = playlist.openMsn - 1; // the newest whole segment
                yield playlist.parts.stream().filter(p -> p.msn() == msn && p.index() == 1).findFirst()
                        .map(p -> "part" + p.number() + ".m4s")
                        .orElseThrow(() -> new IllegalStateException("no second part of segment " + msn + " listed"));
            }
        };
        Http1.Answer answer = channel.get(name);
        if (answer.status() != 200) {
            throw new IllegalStateException(name + " answered " + answer.status());
        }
        Files.write(www.resolve(name), answer.body());
        return name;
    }

    private void measure(Target target, int connections, Nginx nginx) throws Exception {
        String what = switch (target) {
            case PLAYLIST -> "LL playlist";
            case PART -> "LL part";
            case SEGMENT -> "LL segment";
        } + ", " + where + ", " + connections + " connections";
        ServingFigures figures = new ServingFigures();
        Stats sizes = new Stats();
        long errors = 0;
        String warm = fresh(target);
        Wrk.run(port, channel.path(warm), connections, Math.max(10, ctx.seconds()));
        Wrk.run(nginx.port, "/" + warm, connections, 2);
        for (int i = 0; i < ctx.runs(); i++) {
            String name = fresh(target);
            long size = Files.size(www.resolve(name));
            sizes.add(size);
            Wrk.Result g = Wrk.run(port, channel.path(name), connections, ctx.seconds());
            Wrk.Result n = Wrk.run(nginx.port, "/" + name, connections, ctx.seconds());
            errors += g.errors();
            figures.add(g, n);
            System.out.printf("  %s run %d (%s, %d bytes): gateway %.0f req/s %.1f MB/s p50 %.2f p99 %.2f ms (non-2xx %d, "
                            + "socket errors %d); nginx %.0f req/s %.1f MB/s p50 %.2f p99 %.2f ms (non-2xx %d, socket errors %d)%n",
                    what, i + 1, name, size, g.requestsPerSecond(), g.megabytesPerSecond(), g.p50Millis(), g.p99Millis(),
                    g.non2xx(), g.socketErrors(), n.requestsPerSecond(), n.megabytesPerSecond(), n.p50Millis(), n.p99Millis(),
                    n.non2xx(), n.socketErrors());
        }
        String label = what + " (" + Report.num(sizes.median() / 1000) + " KB)";
        figures.report(ctx.report(), label, "nginx, same bytes from a file",
                errors > 0 ? " (gateway errors: " + errors + ")" : "");
    }
}
