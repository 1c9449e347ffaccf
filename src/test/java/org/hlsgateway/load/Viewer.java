package org.hlsgateway.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated player: {@code watch} (302 to the playlist), then a playlist poll every segment
 * duration and a full download of every segment it has not fetched yet. It starts three segments
 * from the live edge, as HLS players do, and counts every sequence number it never received
 * (a segment that appeared and disappeared between two polls, or answered 404) as missed.
 */
final class Viewer implements Runnable {

    private static final int LIVE_EDGE_SEGMENTS = 3;
    private static final int MAX_ERROR_LINES = 5;

    private final HttpClient http;
    private final URI watch;
    private final String userAgent;
    private final long startAtNanos;
    private final long endAtNanos;
    private final long pollNanos;

    final Latencies watchLatency = new Latencies();
    final Latencies playlistLatency = new Latencies();
    final Latencies segmentLatency = new Latencies();
    long errors;
    long missed;
    long segments;
    long bytes;
    /** FFmpeg runs that replaced an earlier one between two segments this viewer fetched (a restarted channel). */
    long restarts;
    /** The most segments this viewer ever had still to fetch after a poll: how far it fell behind the live edge. */
    long maxBehind;
    final List<String> errorLines = new ArrayList<>();
    /** Errors by kind, e.g. "segment 404" or "playlist HttpTimeoutException". */
    final java.util.Map<String, Long> errorKinds = new java.util.TreeMap<>();

    private URI playlist;
    private String run;
    private long lastSequence = -1;

    Viewer(HttpClient http, URI watch, int number, long startAtNanos, long endAtNanos, Duration poll) {
        this.http = http;
        this.watch = watch;
        this.userAgent = "hls-load-viewer/" + number;
        this.startAtNanos = startAtNanos;
        this.endAtNanos = endAtNanos;
        this.pollNanos = poll.toNanos();
    }

    @Override
    public void run() {
        try {
            sleepUntil(startAtNanos);
            long next = System.nanoTime();
            while (System.nanoTime() < endAtNanos) {
                if (playlist == null) {
                    open();
                } else {
                    poll();
                }
                next = Math.max(next + pollNanos, System.nanoTime());
                sleepUntil(Math.min(next, endAtNanos));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void open() throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request(watch), HttpResponse.BodyHandlers.discarding());
            watchLatency.add(micros(start));
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() != 302 || location == null) {
                error("watch " + response.statusCode(), "watch answered " + response.statusCode());
                return;
            }
            playlist = watch.resolve(location);
            poll();
        } catch (IOException e) {
            error("watch " + e.getClass().getSimpleName(), "watch: " + e);
        }
    }

    private void poll() throws InterruptedException {
        long start = System.nanoTime();
        MediaPlaylist list;
        try {
            HttpResponse<String> response = http.send(request(playlist), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            playlistLatency.add(micros(start));
            if (response.statusCode() != 200) {
                error("playlist " + response.statusCode(), "playlist answered " + response.statusCode() + ": " + response.body());
                return;
            }
            list = MediaPlaylist.parse(response.body());
        } catch (IOException e) {
            error("playlist " + e.getClass().getSimpleName(), "playlist: " + e);
            return;
        }
        if (list.segments().isEmpty()) {
            return;
        }
        // the gateway keeps one media sequence across FFmpeg restarts, so sequence numbers alone tell what is new
        int from;
        if (lastSequence < 0) {
            from = Math.max(0, list.segments().size() - LIVE_EDGE_SEGMENTS);
        } else {
            long expected = lastSequence + 1;
            if (list.mediaSequence() > expected) {
                missed += list.mediaSequence() - expected;
            }
            from = (int) Math.max(0, expected - list.mediaSequence());
        }
        maxBehind = Math.max(maxBehind, list.segments().size() - from);
        for (int i = from; i < list.segments().size(); i++) {
            String uri = list.segments().get(i);
            String segmentRun = MediaPlaylist.run(uri);
            if (run != null && !run.equals(segmentRun)) {
                restarts++;
            }
            run = segmentRun;
            fetch(playlist.resolve(uri));
            lastSequence = list.mediaSequence() + i;
        }
    }

    private void fetch(URI segment) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<Long> response = http.send(request(segment), CountingBody.handler());
            segmentLatency.add(micros(start));
            if (response.statusCode() != 200) {
                missed++;
                error("segment " + response.statusCode(), "segment " + segment.getPath() + " answered " + response.statusCode());
                return;
            }
            segments++;
            bytes += response.body();
        } catch (IOException e) {
            missed++;
            error("segment " + e.getClass().getSimpleName(), "segment " + segment.getPath() + ": " + e);
        }
    }

    private HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("User-Agent", userAgent).GET().build();
    }

    private void error(String kind, String line) {
        errors++;
        errorKinds.merge(kind, 1L, Long::sum);
        if (errorLines.size() < MAX_ERROR_LINES) {
            errorLines.add(line);
        }
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
