package org.hlsgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Figure 4 (FFmpeg's MPEG-TS HLS, {@code HLS_LL=false}: it reads the playlist files on disk): copy-mode channels running at once, 1 → 10 → 25 → 50, one player per channel
 * (playlist and newest segment once a second, like hls.js). For each step: whether every
 * playlist advances on time (each new segment's arrival against the media time it adds), the
 * CPU and memory of each FFmpeg, of the gateway JVM and of the camera.
 */
final class Density {

    static final int SETTLED_SECONDS = 10;
    static final int SETTLE_LIMIT_SECONDS = 90;

    private final Bench.Context ctx;

    Density(Bench.Context ctx) {
        this.ctx = ctx;
    }

    /** Arrivals of new segments of one channel, read from its playlist file every 50 ms. */
    private static final class Follower {
        final Path dir;
        final Map<String, Double> seen = new HashMap<>();
        final List<double[]> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>(); // {wall ms, duration ms}

        Follower(Path dir) {
            this.dir = dir;
        }

        synchronized void poll(long nowNanos) {
            String text;
            try {
                text = Files.readString(dir.resolve("index.m3u8"));
            } catch (NoSuchFileException e) {
                return;
            } catch (IOException e) {
                return;
            }
            double duration = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith("#EXTINF:")) {
                    duration = Double.parseDouble(line.substring(8, line.indexOf(',') < 0 ? line.length() : line.indexOf(','))) * 1000;
                } else if (!line.isBlank() && !line.startsWith("#") && !seen.containsKey(line.trim())) {
                    seen.put(line.trim(), duration);
                    arrivals.add(new double[] {nowNanos / 1e6, duration});
                }
            }
        }

        /** Largest minus smallest lag of arrivals within the window (0 = perfectly on time). */
        double drift(double fromMs, double toMs) {
            double start = -1;
            double media = 0;
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (double[] a : arrivals) {
                if (a[0] < fromMs || a[0] > toMs) {
                    continue;
                }
                if (start < 0) {
                    start = a[0];
                } else {
                    media += a[1];
                }
                double lag = a[0] - start - media;
                min = Math.min(min, lag);
                max = Math.max(max, lag);
            }
            return start < 0 ? Double.NaN : max - min;
        }

        long count(double fromMs, double toMs) {
            return arrivals.stream().filter(a -> a[0] >= fromMs && a[0] <= toMs).count();
        }

        /** Longest time between two arrivals in the window. */
        double maxGap(double fromMs, double toMs) {
            double previous = -1;
            double gap = 0;
            for (double[] a : arrivals) {
                if (a[0] < fromMs || a[0] > toMs) {
                    continue;
                }
                if (previous >= 0) {
                    gap = Math.max(gap, a[0] - previous);
                }
                previous = a[0];
            }
            return gap;
        }
    }

    /** With a gateway of its own at the default idle timeout (10 s): a player that is late under load does not stop its channel. */
    void run(List<Integer> steps) throws Exception {
        java.nio.file.Path data = ctx.out().resolve("gateway-density");
        Proc.deleteTree(data);
        try (Gateway gw = Gateway.start(ctx.root(), data, 10, Map.of("HLS_LL", "false"))) {
            gw.awaitReady(180_000);
            run(steps, gw);
        }
    }

    private void run(List<Integer> steps, Gateway gw) throws Exception {
        List<String> lines = new ArrayList<>();
        Map<String, Follower> followers = new ConcurrentHashMap<>();
        // a few cold starts at a time, as players arriving over a few seconds would cause
        ExecutorService starters = Executors.newFixedThreadPool(4);
        java.util.concurrent.atomic.AtomicLong retries = new java.util.concurrent.atomic.AtomicLong();
        long restarts = 0;
        long bareRestarts = 0;
        ScheduledExecutorService players = Executors.newScheduledThreadPool(32);
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        try (Camera camera = Camera.start(ctx.root(), 1)) {
            Player player = new Player(gw.http, gw.base());
            poller.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                followers.values().forEach(f -> f.poll(now));
            }, 0, 50, TimeUnit.MILLISECONDS);
            int running = 0;
            for (int step : steps) {
                List<Future<?>> starts = new ArrayList<>();
                for (int i = running + 1; i <= step; i++) {
                    String nickname = "bench-d" + i;
                    gw.createChannel(nickname, camera.url());
                    starts.add(starters.submit(() -> {
                        IllegalStateException failed = player.coldStartRetrying(nickname, 5, retries);
                        if (failed != null) {
                            throw failed;
                        }
                        followers.put(nickname, new Follower(gw.channelDir(nickname).orElseThrow()));
                        // one viewer: playlist and its newest segment every second
                        players.scheduleAtFixedRate(() -> {
                            try {
                                String playlist = player.playlist(nickname);
                                List<String> segments = Player.segments(playlist == null ? "" : playlist);
                                if (!segments.isEmpty()) {
                                    player.segment(nickname, segments.get(segments.size() - 1));
                                }
                            } catch (Exception e) {
                                // the next second tries again
                            }
                        }, 0, 1000, TimeUnit.MILLISECONDS);
                        return null;
                    }));
                }
                for (Future<?> start : starts) {
                    start.get(120, TimeUnit.SECONDS);
                }
                running = step;
                restarts += settle(gw);
                for (String nickname : List.copyOf(followers.keySet())) {
                    // a channel restarted while settling writes into a new run's directory; what it lists
                    // already arrived before the window
                    Path dir = gw.channelDir(nickname).orElseThrow();
                    if (!dir.equals(followers.get(nickname).dir)) {
                        Follower follower = new Follower(dir);
                        follower.poll(System.nanoTime());
                        followers.put(nickname, follower);
                    }
                }
                List<Long> ffmpegs = Proc.children(gw.pid()).stream().filter(p -> Proc.cmdline(p).contains("ffmpeg")).toList();
                lines.add(measure("gateway", step, ffmpegs, gw, camera.pid(), followers));
                System.out.println("  " + lines.get(lines.size() - 1));
            }
            // the reference: the same number of bare FFmpegs (same arguments), no gateway, no players
            players.shutdownNow();
            followers.clear();
            List<BareFfmpeg> bare = new ArrayList<>();
            try {
                for (int step : steps) {
                    for (int i = bare.size() + 1; i <= step; i++) {
                        BareFfmpeg ffmpeg = BareFfmpeg.start(camera.url(), ctx.out().resolve("bare-density/d" + i), "d" + i);
                        bare.add(ffmpeg);
                        followers.put("bare" + i, new Follower(ffmpeg.dir));
                    }
                    for (int i = 0; i < bare.size(); i++) {
                        for (int attempt = 1; ; attempt++) {
                            try {
                                bare.get(i).awaitFirstSegment(60_000);
                                break;
                            } catch (IllegalStateException e) {
                                // joined while the shared camera held its clients back and hit its 5 s
                                // source timeout: started again, as the gateway would restart it
                                if (attempt == 5 || bare.get(i).process.isAlive()) {
                                    throw e;
                                }
                                bareRestarts++;
                                bare.get(i).close();
                                Proc.sleep(1000L << (attempt - 1)); // the gateway's back-off: 1 s, 2 s, 4 s, ...
                                bare.set(i, BareFfmpeg.start(camera.url(), ctx.out().resolve("bare-density/d" + (i + 1)), "d" + (i + 1)));
                                followers.put("bare" + (i + 1), new Follower(bare.get(i).dir));
                            }
                        }
                    }
                    Proc.sleep(3000);
                    lines.add(measure("bare FFmpeg", step, bare.stream().map(b -> b.process.pid()).toList(), null, camera.pid(), followers));
                    System.out.println("  " + lines.get(lines.size() - 1));
                }
            } finally {
                bare.forEach(BareFfmpeg::close);
            }
        } finally {
            players.shutdownNow();
            poller.shutdownNow();
            starters.shutdownNow();
        }
        ctx.report().table("| Who | Channels | FFmpeg running | Every playlist on time | Worst drift | Longest gap between segments | Fewest segments in window | CPU per FFmpeg (% of one core) | RSS per FFmpeg | Gateway JVM CPU (% of one core) | Gateway JVM RSS | Gateway heap used | Camera CPU | Load avg (1 min) |",
                lines);
        ctx.report().note("Measured over " + Report.num(ctx.seconds()) + " s per step with 1 s segments. *Drift*: largest minus smallest "
                + "(arrival time − media time) of the new segments in the window, read from the playlist files every 50 ms; "
                + "*on time* = drift ≤ 1 segment and no gap > 2 segments. One player per channel fetches the playlist and the "
                + "newest segment every second through the gateway (idle timeout 10 s, the default). All channels pull one shared camera stream (one encoder). "
                + "Reference rows: the same number of FFmpegs with the gateway's arguments started directly, no players. "
                + "Channels are started 4 at a time; cold starts that failed (504, no segment within HLS_START_TIMEOUT, or 502, the "
                + "camera's invalid data) and were retried: " + retries.get() + ". Before each gateway step the harness waits until no FFmpeg has started for "
                + SETTLED_SECONDS + " s: the test camera's shared stream holds its clients back while a new one joins, and the "
                + "gateway restarts a channel that lists no segment for 3 segment durations (restarts while settling, all steps: "
                + restarts + "). Bare FFmpegs that exited before their first segment (same cause) and were started again: "
                + bareRestarts + ".");
    }

    /** One table line: CPU and memory over a window of {@code ctx.seconds()}, and how on time every playlist was. */
    /**
     * Waits until no FFmpeg has started for {@link #SETTLED_SECONDS} (at most {@link #SETTLE_LIMIT_SECONDS});
     * returns how many started meanwhile beyond the first start of each channel.
     */
    static long settle(Gateway gw) {
        double first = gw.metric("hls_transcoder_starts_total");
        double last = first;
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_LIMIT_SECONDS);
        while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(SETTLED_SECONDS) && System.nanoTime() < deadline) {
            Proc.sleep(1000);
            double now = gw.metric("hls_transcoder_starts_total");
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        long extra = Double.isNaN(first) || Double.isNaN(last) ? 0 : Math.round(last - first);
        System.out.printf("  settled: %d restarts, then none for %d s%n", extra, Math.min(SETTLED_SECONDS,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - quietSince)));
        return extra;
    }

    private String measure(String who, int step, List<Long> ffmpegs, Gateway gw, long cameraPid, Map<String, Follower> followers) {
        Map<Long, Long> ticks0 = new LinkedHashMap<>();
        for (long pid : ffmpegs) {
            ticks0.put(pid, Proc.cpuTicks(pid));
        }
        long jvm0 = gw == null ? 0 : Proc.cpuTicks(gw.pid());
        long cam0 = Proc.cpuTicks(cameraPid);
        long t0 = System.nanoTime();
        double load0 = Proc.loadAverage();
        Proc.sleep((long) (ctx.seconds() * 1000));
        long t1 = System.nanoTime();
        double seconds = (t1 - t0) / 1e9;
        double ffmpegCpu = 0;
        long ffmpegRss = 0;
        int alive = 0;
        for (long pid : ffmpegs) {
            long ticks = Proc.cpuTicks(pid);
            if (ticks >= 0) {
                ffmpegCpu += (ticks - ticks0.get(pid)) / Proc.TICKS_PER_SECOND / seconds * 100;
                ffmpegRss += Proc.rssBytes(pid);
                alive++;
            }
        }
        double camCpu = (Proc.cpuTicks(cameraPid) - cam0) / Proc.TICKS_PER_SECOND / seconds * 100;
        double from = t0 / 1e6;
        double to = t1 / 1e6;
        double worstDrift = 0;
        double worstGap = 0;
        long fewest = Long.MAX_VALUE;
        for (Follower f : followers.values()) {
            double drift = f.drift(from, to);
            worstDrift = Double.isNaN(drift) ? Double.POSITIVE_INFINITY : Math.max(worstDrift, drift);
            worstGap = Math.max(worstGap, f.maxGap(from, to));
            fewest = Math.min(fewest, f.count(from, to));
        }
        boolean onTime = alive == step && worstDrift <= 1000 && worstGap <= 2000;
        String jvm = "— | — | —";
        if (gw != null) {
            double jvmCpu = (Proc.cpuTicks(gw.pid()) - jvm0) / Proc.TICKS_PER_SECOND / seconds * 100;
            double heap = gw.metric("memory_usedHeap_bytes");
            jvm = String.format(Locale.ROOT, "%.1f %% | %.0f MB | %s", jvmCpu, Proc.rssBytes(gw.pid()) / 1e6,
                    Double.isNaN(heap) ? "—" : String.format(Locale.ROOT, "%.0f MB", heap / 1e6));
        }
        return String.format(Locale.ROOT, "| %s | %d | %d | %s | %.0f ms | %.0f ms | %d | %.1f %% | %.1f MB | %s | %.1f %% | %.2f |",
                who, step, alive, onTime ? "yes" : "**no**", worstDrift, worstGap, fewest, ffmpegCpu / Math.max(1, alive),
                ffmpegRss / 1e6 / Math.max(1, alive), jvm, camCpu, load0);
    }
}
