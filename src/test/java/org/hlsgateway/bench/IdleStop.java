package org.hlsgateway.bench;

import java.util.List;

/**
 * Figure 2: from a viewer's last request until FFmpeg has exited and the camera has seen the
 * disconnect ({@code CLOSED} on its stdout). Reference: the idle timeout plus what bare FFmpeg
 * needs from SIGTERM to the same two events, i.e. the best a reaper could do.
 */
final class IdleStop {

    private final Bench.Context ctx;

    IdleStop(Bench.Context ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        String nickname = "bench-idle";
        Stats gateway = new Stats();
        Stats gatewayExit = new Stats();
        Stats reference = new Stats();
        Stats bareStop = new Stats();
        double idleMs = ctx.idleTimeoutSeconds() * 1000.0;
        Gateway gw = ctx.gateway();
        try (Camera camera = Camera.start(ctx.root(), 1)) {
            gw.createChannel(nickname, camera.url());
            Player player = new Player(gw.http, gw.base());
            for (int i = 0; i < ctx.runs(); i++) {
                // reference: bare FFmpeg, SIGTERM once it is live
                camera.awaitNoClients(15_000);
                BareFfmpeg ffmpeg = BareFfmpeg.start(camera.url(), ctx.out().resolve("bare-idle"), "idle" + i);
                ffmpeg.awaitFirstSegment(20_000);
                Proc.sleep(1000);
                long kill = System.nanoTime();
                ffmpeg.process.destroy();
                ffmpeg.process.waitFor();
                long exited = System.nanoTime();
                long closed = camera.awaitClosedAfter(kill, 10_000);
                ffmpeg.close();
                double stopMs = Player.ms(Math.max(exited, closed) - kill);
                bareStop.add(stopMs);
                reference.add(idleMs + stopMs);

                // the gateway: a viewer watches for 3 s, then leaves
                camera.awaitNoClients(15_000);
                gw.awaitState(nickname, "IDLE", 20_000);
                player.coldStart(nickname);
                long pid = Proc.ffmpegOf(gw.pid(), nickname);
                long last = System.nanoTime();
                for (int s = 0; s < 3; s++) {
                    Proc.sleep(1000);
                    last = System.nanoTime();
                    String playlist = player.playlist(nickname);
                    List<String> segments = Player.segments(playlist == null ? "" : playlist);
                    if (!segments.isEmpty()) {
                        last = System.nanoTime();
                        player.segment(nickname, segments.get(segments.size() - 1));
                    }
                }
                while (pid > 0 && Proc.alive(pid) && System.nanoTime() - last < 20_000_000_000L) {
                    Proc.sleep(5);
                }
                long gone = System.nanoTime();
                long cameraClosed = camera.awaitClosedAfter(last, 20_000);
                double total = Player.ms(Math.max(gone, cameraClosed) - last);
                gateway.add(total);
                gatewayExit.add(Player.ms(gone - last));
                System.out.printf("  run %d: bare SIGTERM → exit+CLOSED %.0f ms; gateway last request → FFmpeg exit %.0f ms, → CLOSED %.0f ms (pid %d)%n",
                        i + 1, stopMs, Player.ms(gone - last), Player.ms(cameraClosed - last), pid);
            }
        }
        double target = idleMs + 1000;
        ctx.report().row("Idle stop: last request → FFmpeg exited and camera saw CLOSED (idle timeout "
                        + ctx.idleTimeoutSeconds() + " s)", "ms", gateway,
                "idle timeout + bare FFmpeg SIGTERM → exit and CLOSED", reference, Report.Better.LOWER,
                "≤ idle timeout + 1 s = " + Report.num(target) + " ms: median " + (gateway.median() <= target ? "**met**" : "**not met**")
                        + ", max " + (gateway.max() <= target ? "met" : "not met"));
        ctx.report().row("Idle stop: last request → FFmpeg exited", "ms", gatewayExit, null, null, Report.Better.LOWER, null);
        ctx.report().row("Bare FFmpeg: SIGTERM → exit and camera CLOSED", "ms", bareStop, null, null, Report.Better.LOWER, null);
    }
}
