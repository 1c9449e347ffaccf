package org.hlsgateway.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory and CPU per channel (issue #15): copy-mode channels on one shared 1 s-GOP camera, 1 → 10 → 25 → 50, first in
 * a gateway with {@code HLS_LL=true} (the gateway packages FFmpeg's fMP4 in memory), then in a fresh gateway with
 * {@code HLS_LL=false} (plain HLS, FFmpeg writes the files), same steps, same viewers. One viewer per channel reads the
 * playlist and its newest whole segment once a second (the pattern of the density section, so that the request load is
 * the same in both modes). Per step: the gateway JVM's CPU over {@code bench.seconds}, its heap used after a full GC
 * ({@code jcmd GC.run}, then {@code GC.heap_info}), against the heap after GC with no channel running.
 */
final class LlDensity {

    private static final Pattern USED = Pattern.compile("(?:generation|heap)\\s+total \\d+K, used (\\d+)K");

    private final Bench.Context ctx;
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failedStarts = new AtomicLong();

    LlDensity(Bench.Context ctx) {
        this.ctx = ctx;
    }

    void run(List<Integer> steps) throws Exception {
        List<String> lines = new ArrayList<>();
        // a camera per packaging: the shared test camera can wedge after 50 clients come and go
        for (boolean ll : List.of(true, false)) {
            try (Camera camera = Camera.start(ctx.root(), 1)) {
                Path data = ctx.out().resolve(ll ? "gateway-lldensity" : "gateway-plaindensity");
                Proc.deleteTree(data);
                try (Gateway gw = Gateway.start(ctx.root(), data, 10, Map.of("HLS_LL", Boolean.toString(ll)))) {
                    gw.awaitReady(180_000);
                    run(ll, steps, gw, camera, lines);
                } catch (Exception e) {
                    // the other packaging is still measured
                    e.printStackTrace();
                    lines.add("| " + (ll ? "LL-HLS" : "plain HLS") + " | **failed:** " + e + " | | | | | | | | | | |");
                }
            }
        }
        ctx.report().table("| Packaging | Channels | FFmpeg running | Viewer errors in window | Gateway JVM CPU (% of one core) "
                + "| JVM CPU per channel | FFmpeg CPU per channel | Heap after full GC | Heap per channel over no channel "
                + "| Heap per added channel over the previous step | Gateway JVM RSS | Load avg (1 min) |", lines);
        ctx.report().note("Channels start 4 at a time (a cold start that fails, 502 or 504, is retried after 1, 2, 4, 8 s; "
                + "retries, both modes: " + retries.get() + ", channels whose 5 tries failed and were left to their viewer: "
                + failedStarts.get() + "); before each window "
                + "the harness waits until no FFmpeg has started for " + Density.SETTLED_SECONDS + " s (at most " + Density.SETTLE_LIMIT_SECONDS
                + " s). Window " + Report.num(ctx.seconds()) + " s. Heap: young + tenured used after `jcmd PID GC.run` "
                + "(serial collector, the run command's default). The LL gateway holds each channel's window in memory "
                + "(6 listed + 7 retained segments with their parts); the plain gateway's media are FFmpeg's files on disk.");
    }

    private void run(boolean ll, List<Integer> steps, Gateway gw, Camera camera, List<String> lines) throws Exception {
        String mode = ll ? "LL-HLS (HLS_LL=true)" : "plain HLS (HLS_LL=false)";
        Player player = new Player(gw.http, gw.base());
        ExecutorService starters = Executors.newFixedThreadPool(4);
        ScheduledExecutorService viewers = Executors.newScheduledThreadPool(16);
        AtomicLong viewerErrors = new AtomicLong();
        try {
            Proc.sleep(3000);
            long baseline = heapAfterGc(gw.pid());
            System.out.printf("  %s: heap after GC with no channel %.1f MB%n", mode, baseline / 1e6);
            long previousHeap = baseline;
            int previousStep = 0;
            int running = 0;
            for (int step : steps) {
                List<Future<?>> starts = new ArrayList<>();
                for (int i = running + 1; i <= step; i++) {
                    String nickname = (ll ? "bench-ll" : "bench-pl") + i;
                    gw.createChannel(nickname, camera.url());
                    starts.add(starters.submit(() -> {
                        IllegalStateException failed = player.coldStartRetrying(nickname, 5, retries);
                        if (failed != null) { // the viewer below keeps asking
                            failedStarts.incrementAndGet();
                            System.out.println("  " + nickname + ": " + failed.getMessage() + " after 5 tries");
                        }
                        viewers.scheduleAtFixedRate(() -> view(player, nickname, viewerErrors), 0, 1000, TimeUnit.MILLISECONDS);
                        return null;
                    }));
                }
                for (Future<?> start : starts) {
                    start.get(120, TimeUnit.SECONDS);
                }
                running = step;
                Density.settle(gw);
                long errors0 = viewerErrors.get();
                List<Long> ffmpegs = Proc.children(gw.pid()).stream().filter(p -> Proc.cmdline(p).contains("ffmpeg")).toList();
                long[] ff0 = ffmpegs.stream().mapToLong(Proc::cpuTicks).toArray();
                long jvm0 = Proc.cpuTicks(gw.pid());
                double load = Proc.loadAverage();
                long t0 = System.nanoTime();
                Proc.sleep((long) (ctx.seconds() * 1000));
                double seconds = (System.nanoTime() - t0) / 1e9;
                double jvmCpu = (Proc.cpuTicks(gw.pid()) - jvm0) / Proc.TICKS_PER_SECOND / seconds * 100;
                double ffCpu = 0;
                int alive = 0;
                for (int i = 0; i < ffmpegs.size(); i++) {
                    long ticks = Proc.cpuTicks(ffmpegs.get(i));
                    if (ticks >= 0) {
                        ffCpu += (ticks - ff0[i]) / Proc.TICKS_PER_SECOND / seconds * 100;
                        alive++;
                    }
                }
                long errors = viewerErrors.get() - errors0;
                long heap = heapAfterGc(gw.pid());
                int added = step - previousStep;
                String line = String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f %% | %.2f %% | %.2f %% | %.1f MB | %.2f MB | %.2f MB | %.0f MB | %.2f |",
                        mode, step, alive, errors, jvmCpu, jvmCpu / step, ffCpu / Math.max(1, alive), heap / 1e6,
                        (heap - baseline) / 1e6 / step, (heap - previousHeap) / 1e6 / added, Proc.rssBytes(gw.pid()) / 1e6, load);
                lines.add(line);
                System.out.println("  " + line);
                previousHeap = heap;
                previousStep = step;
            }
        } finally {
            viewers.shutdownNow();
            starters.shutdownNow();
            viewers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Playlist and its newest whole segment, as one viewer does once a second. */
    private static void view(Player player, String nickname, AtomicLong errors) {
        try {
            String playlist = player.playlist(nickname);
            if (playlist == null) {
                errors.incrementAndGet();
                return;
            }
            List<String> segments = Player.segments(playlist);
            if (segments.isEmpty() || player.segment(nickname, segments.get(segments.size() - 1)) != 200) {
                errors.incrementAndGet();
            }
        } catch (Exception e) {
            errors.incrementAndGet();
        }
    }

    /** Young + tenured generation used after a full GC, in bytes ({@code jcmd}). */
    static long heapAfterGc(long pid) throws Exception {
        run("jcmd", Long.toString(pid), "GC.run");
        String info = run("jcmd", Long.toString(pid), "GC.heap_info");
        Matcher m = USED.matcher(info);
        long used = 0;
        boolean found = false;
        while (m.find()) {
            used += Long.parseLong(m.group(1)) * 1024;
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("no heap figures in jcmd GC.heap_info: " + info);
        }
        return used;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
