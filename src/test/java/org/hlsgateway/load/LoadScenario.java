package org.hlsgateway.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code viewers} simulated players spread round-robin over {@code channels} live channels for
 * {@code duration}, each polling its playlist every {@code segment}. Viewers join evenly over the
 * first 5 s, so that their polls do not march in step. The channels must exist; each is
 * made live with one {@code watch} before the viewers come (a failure there counts as an error).
 */
public final class LoadScenario {

    /** Everything the viewers measured, plus the gateway's CPU and memory if it was sampled. */
    public record Result(int viewers, int channels, Duration duration, long errors, long missed, long segments,
                         long bytes, long restarts, int minSegmentsPerViewer, long maxBehind, Latencies watch, Latencies playlist,
                         Latencies segment, List<ProcessSampler.Sample> gateway, List<String> errorLines,
                         java.util.Map<String, Long> errorKinds) {

        public long playlistPolls() {
            return playlist.count();
        }

        public double playlistP50() {
            return playlist.percentileMillis(50);
        }

        public double playlistP99() {
            return playlist.percentileMillis(99);
        }
    }

    /** Players speak HTTP/1.1 to an http:// URL; the JDK's default would try an h2c upgrade. */
    private HttpClient.Version version = HttpClient.Version.HTTP_1_1;
    private final URI base;
    private final List<String> channels;
    private final int viewers;
    private final Duration duration;
    private final Duration segment;
    private Duration ramp;

    /** @param base the gateway's context root, e.g. {@code http://127.0.0.1:8080/hls_gateway/} */
    public LoadScenario(URI base, List<String> channels, int viewers, Duration duration, Duration segment) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.channels = List.copyOf(channels);
        this.viewers = viewers;
        this.duration = duration;
        this.segment = segment;
        this.ramp = Duration.ofSeconds(5);
    }

    /** Viewers join evenly over this time (5 s unless told), as an audience does, not all in the same millisecond. */
    public LoadScenario joiningOver(Duration joinTime) {
        this.ramp = joinTime;
        return this;
    }

    /** The HTTP version the clients ask for: HTTP_2 makes the JDK client try an h2c upgrade. */
    public LoadScenario over(HttpClient.Version httpVersion) {
        this.version = httpVersion;
        return this;
    }

    /** Runs the scenario; samples the process {@code gatewayPid} once a second when it is present. */
    public Result run(Optional<Long> gatewayPid) throws InterruptedException {
        return run(gatewayPid, () -> { });
    }

    /** Runs the scenario; {@code viewersComing} runs after the warm-up, right before the first viewer joins. */
    public Result run(Optional<Long> gatewayPid, Runnable viewersComing) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(version)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        long warmupErrors = warmUp(http);
        long start = System.nanoTime() + 200_000_000L;
        long end = start + duration.toNanos();
        List<Viewer> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            URI watch = base.resolve("watch/" + channels.get(i % channels.size()));
            long joinAt = start + ramp.toNanos() * i / viewers;
            Viewer viewer = new Viewer(http, watch, i, joinAt, end, segment);
            all.add(viewer);
            Thread thread = new Thread(null, viewer, "load-viewer-" + i, 256 * 1024);
            thread.setDaemon(true);
            threads.add(thread);
        }
        ProcessSampler sampler = gatewayPid.map(pid -> new ProcessSampler(pid).start()).orElse(null);
        viewersComing.run();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(duration.toMillis() + 60_000);
        }
        List<ProcessSampler.Sample> samples = List.of();
        if (sampler != null) {
            sampler.close();
            samples = sampler.samples();
        }
        return summarize(all, samples, warmupErrors);
    }

    /** How long every channel must run without a restart before the viewers come. */
    private static final Duration SETTLED = Duration.ofSeconds(10);
    /** The longest the warm-up waits for that; the viewers then come anyway. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(90);

    /**
     * Makes every channel live before the viewers come, one {@code watch} after the other, then waits
     * until no channel has restarted for {@link #SETTLED}: the test camera's shared GStreamer media
     * holds its other clients back while a new one joins (FFmpeg then reads "Invalid data found when
     * processing input", or lists no segment for seconds and is restarted as stalled), and each such
     * restart is a join again. The channels already live are polled meanwhile, so that none goes
     * idle before the viewers come. Returns the failures.
     */
    private long warmUp(HttpClient http) throws InterruptedException {
        List<URI> live = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong lastRestart = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        Thread keeper = new Thread(() -> keepAlive(http, live, lastRestart), "load-keeper");
        keeper.setDaemon(true);
        keeper.start();
        long failed = 0;
        long began = System.nanoTime();
        try {
            for (String channel : channels) {
                try {
                    var watch = http.send(warmupRequest(base.resolve("watch/" + channel)), java.net.http.HttpResponse.BodyHandlers.discarding());
                    if (watch.statusCode() == 302 && watch.headers().firstValue("Location").isPresent()) {
                        live.add(base.resolve(watch.headers().firstValue("Location").get()));
                    } else {
                        failed++;
                    }
                } catch (java.io.IOException e) {
                    failed++;
                }
            }
            long limit = System.nanoTime() + SETTLE_LIMIT.toNanos();
            while (System.nanoTime() - lastRestart.get() < SETTLED.toNanos() && System.nanoTime() < limit) {
                Thread.sleep(200);
            }
            boolean settled = System.nanoTime() - lastRestart.get() >= SETTLED.toNanos();
            System.out.printf("warm-up: %d channels live, %s after %d s%n", live.size(),
                    settled ? "no restart for " + SETTLED.toSeconds() + " s" : "still restarting",
                    Duration.ofNanos(System.nanoTime() - began).toSeconds());
        } finally {
            keeper.interrupt();
            keeper.join();
        }
        return failed;
    }

    /**
     * Polls the playlists of the channels already warm, so that none goes idle while the others start;
     * notes when one restarted (its newest segment comes from a new FFmpeg run) or did not answer.
     */
    private void keepAlive(HttpClient http, List<URI> playlists, java.util.concurrent.atomic.AtomicLong lastRestart) {
        java.util.Map<URI, String> runs = new java.util.HashMap<>();
        while (!Thread.currentThread().isInterrupted()) {
            for (URI playlist : playlists) {
                try {
                    var response = http.send(warmupRequest(playlist), java.net.http.HttpResponse.BodyHandlers.ofString());
                    List<String> segments = response.statusCode() == 200
                            ? MediaPlaylist.parse(response.body()).segments() : List.of();
                    String run = segments.isEmpty() ? "" : MediaPlaylist.run(segments.get(segments.size() - 1));
                    if (!run.equals(runs.put(playlist, run))) {
                        lastRestart.set(System.nanoTime());
                    }
                } catch (java.io.IOException e) {
                    lastRestart.set(System.nanoTime());
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                Thread.sleep(segment.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static java.net.http.HttpRequest warmupRequest(URI uri) {
        return java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("User-Agent", "hls-load-warmup").GET().build();
    }

    private Result summarize(List<Viewer> all, List<ProcessSampler.Sample> samples, long warmupErrors) {
        Latencies watch = new Latencies();
        Latencies playlist = new Latencies();
        Latencies segments = new Latencies();
        long errors = warmupErrors;
        long missed = 0;
        long fetched = 0;
        long bytes = 0;
        long restarts = 0;
        int minSegments = Integer.MAX_VALUE;
        long maxBehind = 0;
        List<String> errorLines = new ArrayList<>();
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        if (warmupErrors > 0) {
            kinds.put("warm-up watch", warmupErrors);
        }
        for (Viewer v : all) {
            v.errorKinds.forEach((k, n) -> kinds.merge(k, n, Long::sum));
            watch.addAll(v.watchLatency);
            playlist.addAll(v.playlistLatency);
            segments.addAll(v.segmentLatency);
            errors += v.errors;
            missed += v.missed;
            fetched += v.segments;
            bytes += v.bytes;
            restarts += v.restarts;
            minSegments = (int) Math.min(minSegments, v.segments);
            maxBehind = Math.max(maxBehind, v.maxBehind);
            if (errorLines.size() < 20) {
                errorLines.addAll(v.errorLines);
            }
        }
        return new Result(viewers, channels.size(), duration, errors, missed, fetched, bytes, restarts,
                all.isEmpty() ? 0 : minSegments, maxBehind, watch, playlist, segments, samples, errorLines, kinds);
    }
}
