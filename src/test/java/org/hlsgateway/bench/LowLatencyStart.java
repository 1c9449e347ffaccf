package org.hlsgateway.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * LL-HLS start (issue #15): from a player's first playlist request to a cold channel packaged by the gateway
 * ({@code HLS_LL=true}) until it holds the init section and the newest independent part the playlist lists, next to
 * bare FFmpeg (plain HLS, the gateway's arguments) from its start until its playlist lists a segment. Runs alternate,
 * each with the camera free of clients. Target: ≤ 0.65 × bare FFmpeg.
 */
final class LowLatencyStart {

    private final Bench.Context ctx;

    LowLatencyStart(Bench.Context ctx) {
        this.ctx = ctx;
    }

    /** Times of one LL cold start, in ms from the request. */
    record Start(double playlist, double inHand, int bytes) {
    }

    Start coldStart(String nickname) throws Exception {
        String base = ctx.gateway().base().toString();
        long t0 = System.nanoTime();
        URI playlistUri = URI.create(base + "/read/" + nickname + "/index.m3u8");
        HttpResponse<String> playlist = ctx.gateway().http.send(Player.get(playlistUri.toString()),
                HttpResponse.BodyHandlers.ofString());
        long t1 = System.nanoTime();
        if (playlist.statusCode() != 200 || !playlist.body().contains("#EXT-X-PART:")) {
            throw new IllegalStateException("playlist answered " + playlist.statusCode() + ": " + playlist.body());
        }
        List<String> lines = playlist.body().lines().toList();
        String map = lines.stream().filter(l -> l.startsWith("#EXT-X-MAP:")).reduce((a, b) -> b).orElseThrow()
                .replaceAll(".*URI=\"([^\"]+)\".*", "$1");
        String part = lines.stream().filter(l -> l.startsWith("#EXT-X-PART:") && l.contains("INDEPENDENT=YES"))
                .reduce((a, b) -> b).orElseThrow().replaceAll(".*URI=\"([^\"]+)\".*", "$1");
        int bytes = 0;
        for (String uri : List.of(map, part)) {
            HttpResponse<byte[]> media = ctx.gateway().http.send(Player.get(playlistUri.resolve(uri).toString()),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (media.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + media.statusCode());
            }
            bytes += media.body().length;
        }
        return new Start(Player.ms(t1 - t0), Player.ms(System.nanoTime() - t0), bytes);
    }

    void run(int gopSeconds) throws Exception {
        String nickname = "bench-ll-g" + gopSeconds;
        Stats inHand = new Stats();
        Stats playlist = new Stats();
        Stats bare = new Stats();
        Stats ratio = new Stats();
        try (Camera camera = Camera.start(ctx.root(), gopSeconds)) {
            ctx.gateway().createChannel(nickname, camera.url());
            coldStart(nickname); // not measured: class loading and JIT of the first start
            ctx.gateway().awaitState(nickname, "IDLE", 20_000);
            for (int i = 0; i < ctx.runs(); i++) {
                camera.awaitNoClients(15_000);
                double bareMs;
                try (BareFfmpeg ffmpeg = BareFfmpeg.start(camera.url(), ctx.out().resolve("bare-ll"), "bare" + i)) {
                    bareMs = Player.ms(ffmpeg.awaitFirstSegment(20_000) - ffmpeg.startedNanos);
                }
                camera.awaitNoClients(15_000);
                ctx.gateway().awaitState(nickname, "IDLE", 20_000);
                Start start = coldStart(nickname);
                bare.add(bareMs);
                inHand.add(start.inHand());
                playlist.add(start.playlist());
                ratio.add(start.inHand() / bareMs);
                System.out.printf("  LL GOP %d s run %d: bare FFmpeg first segment %.0f ms, LL playlist %.0f ms,"
                        + " init + newest independent part in hand %.0f ms (%d bytes)%n", gopSeconds, i + 1, bareMs,
                        start.playlist(), start.inHand(), start.bytes());
                ctx.gateway().awaitState(nickname, "IDLE", 20_000);
            }
        }
        String label = gopSeconds + " s GOP";
        ctx.report().row("LL start, " + label + ": cold playlist → init section + newest independent part in hand", "ms",
                inHand, "bare FFmpeg start → its playlist lists a segment (plain HLS)", bare, Report.Better.LOWER,
                "≤ 0.65 × bare (median of paired ratios " + Report.num(ratio.median()) + "): "
                        + (ratio.median() <= 0.65 ? "**met**" : "**not met**"));
        ctx.report().row("LL start, " + label + ": cold playlist request → playlist with the first part", "ms", playlist,
                null, null, Report.Better.LOWER, null);
    }
}
