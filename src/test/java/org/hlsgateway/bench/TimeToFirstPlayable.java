package org.hlsgateway.bench;


/**
 * Figure 1: from a player's first request to a cold channel until it holds the first segment,
 * next to bare FFmpeg (same arguments) from its start until its playlist lists a segment. Runs
 * alternate, and each starts with the camera free of clients.
 */
final class TimeToFirstPlayable {

    private final Bench.Context ctx;

    TimeToFirstPlayable(Bench.Context ctx) {
        this.ctx = ctx;
    }

    /** Watches the gateway's work directory (every 1 ms) for the channel's directory and first listed segment. */
    private static final class DiskWatch extends Thread {
        private final Gateway gateway;
        private final String nickname;
        volatile long dirNanos;
        volatile long segmentNanos;

        DiskWatch(Gateway gateway, String nickname) {
            this.gateway = gateway;
            this.nickname = nickname;
            setDaemon(true);
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + 30_000_000_000L;
            try {
                java.nio.file.Path dir = null;
                while (System.nanoTime() < deadline && dir == null) {
                    dir = gateway.channelDir(nickname).orElse(null);
                    if (dir == null) {
                        Proc.sleep(1);
                    }
                }
                dirNanos = System.nanoTime();
                while (System.nanoTime() < deadline) {
                    try {
                        if (java.nio.file.Files.readString(dir.resolve("index.m3u8")).contains("#EXTINF")) {
                            segmentNanos = System.nanoTime();
                            return;
                        }
                    } catch (java.nio.file.NoSuchFileException e) {
                        // not yet
                    }
                    Proc.sleep(1);
                }
            } catch (java.io.IOException e) {
                // leave the marks at 0
            }
        }
    }

    void run(int gopSeconds) throws Exception {
        String nickname = "bench-ttfp-g" + gopSeconds;
        Stats gateway = new Stats();
        Stats redirect = new Stats();
        Stats bare = new Stats();
        Stats added = new Stats();
        Stats before = new Stats();
        Stats after = new Stats();
        try (Camera camera = Camera.start(ctx.root(), gopSeconds)) {
            ctx.gateway().createChannel(nickname, camera.url());
            Player player = new Player(ctx.gateway().http, ctx.gateway().base());
            // not measured: the first cold start after server start also pays for class loading and JIT
            player.coldStart(nickname);
            ctx.gateway().awaitState(nickname, "IDLE", 20_000);
            for (int i = 0; i < ctx.runs(); i++) {
                camera.awaitNoClients(15_000);
                double bareMs;
                try (BareFfmpeg ffmpeg = BareFfmpeg.start(camera.url(), ctx.out().resolve("bare-ttfp"), "bare" + i)) {
                    bareMs = Player.ms(ffmpeg.awaitFirstSegment(20_000) - ffmpeg.startedNanos);
                }
                camera.awaitNoClients(15_000);
                ctx.gateway().awaitState(nickname, "IDLE", 20_000);
                DiskWatch disk = new DiskWatch(ctx.gateway(), nickname);
                disk.start();
                Player.Start start = player.coldStart(nickname);
                disk.join(5000);
                if (disk.dirNanos > 0 && disk.segmentNanos > 0) {
                    before.add(Player.ms(disk.dirNanos - start.startedNanos()));
                    after.add(start.firstSegment() - Player.ms(disk.segmentNanos - start.startedNanos()));
                }
                bare.add(bareMs);
                gateway.add(start.firstSegment());
                redirect.add(start.redirected());
                added.add(start.firstSegment() - bareMs);
                System.out.printf("  GOP %d s run %d: bare %.0f ms, gateway 302 %.0f ms, playlist %.0f ms, first segment %.0f ms (%d bytes);"
                                + " channel dir after %.1f ms, segment on disk after %.1f ms%n",
                        gopSeconds, i + 1, bareMs, start.redirected(), start.playlist(), start.firstSegment(), start.segmentBytes(),
                        Player.ms(disk.dirNanos - start.startedNanos()), Player.ms(disk.segmentNanos - start.startedNanos()));
                // nobody asks any more: the reaper stops it after the idle timeout
                ctx.gateway().awaitState(nickname, "IDLE", 20_000);
            }
        }
        String label = gopSeconds + " s GOP";
        boolean met = gateway.median() - bare.median() <= 100;
        ctx.report().row("TTFP, " + label + ": cold watch → 302 → playlist → first segment read", "ms", gateway,
                "bare FFmpeg start → playlist lists a segment", bare, Report.Better.LOWER,
                "gateway adds ≤ 100 ms (median): adds " + Report.num(gateway.median() - bare.median()) + " ms, "
                        + (met ? "**met**" : "**not met**"));
        ctx.report().row("TTFP, " + label + ": cold watch → 302 only", "ms", redirect,
                "bare FFmpeg (as above)", bare, Report.Better.LOWER, null);
        ctx.report().row("TTFP, " + label + ": gateway − bare, paired per run (keyframe phase is random)", "ms", added, null, null,
                Report.Better.LOWER, null);
        Stats overhead = new Stats();
        for (int i = 0; i < before.count(); i++) {
            overhead.add(before.get(i) + after.get(i));
        }
        ctx.report().row("TTFP, " + label + ": gateway's own time = (request → FFmpeg's directory exists) + (segment listed on disk → player has it)",
                "ms", overhead, null, null, Report.Better.LOWER,
                "≤ 100 ms: " + (overhead.median() <= 100 ? "**met**" : "**not met**"));
        ctx.report().row("TTFP, " + label + ": request → FFmpeg's directory exists (FFmpeg spawned right after)", "ms", before, null, null,
                Report.Better.LOWER, null);
        ctx.report().row("TTFP, " + label + ": segment listed on disk → player has read it (302, playlist, segment)", "ms", after, null, null,
                Report.Better.LOWER, null);
    }
}
