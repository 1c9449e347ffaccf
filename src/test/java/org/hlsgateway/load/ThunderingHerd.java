package org.hlsgateway.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code requests} first requests to one cold channel released at the same instant: each is a
 * {@code watch} that must answer 302, then the playlist it points to must list a segment, and that
 * segment must download. Meanwhile a watcher collects the PIDs of the channel's FFmpeg processes.
 */
public final class ThunderingHerd {

    public record Result(int requests, int playable, List<String> failures, Set<Long> ffmpegPids, double slowestMillis) {
    }

    /** Players speak HTTP/1.1 to an http:// URL; the JDK's default would try an h2c upgrade. */
    private HttpClient.Version version = HttpClient.Version.HTTP_1_1;
    private final URI base;
    private final String channel;
    private final int requests;

    public ThunderingHerd(URI base, String channel, int requests) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.channel = channel;
        this.requests = requests;
    }

    /** The HTTP version the clients ask for: HTTP_2 makes the JDK client try an h2c upgrade. */
    public ThunderingHerd over(HttpClient.Version httpVersion) {
        this.version = httpVersion;
        return this;
    }

    /** @param ffmpegPids the PIDs of the channel's FFmpeg processes running now (polled every 20 ms) */
    public Result run(Supplier<List<Long>> ffmpegPids) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .version(version)
                .connectTimeout(Duration.ofSeconds(20)).build();
        CountDownLatch ready = new CountDownLatch(requests);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger playable = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<Long> pids = ConcurrentHashMap.newKeySet();
        long[] slowest = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String agent = "hls-load-herd/" + i;
            Thread thread = new Thread(null, () -> {
                ready.countDown();
                try {
                    go.await();
                    long start = System.nanoTime();
                    String failure = firstRequest(http, agent);
                    long took = System.nanoTime() - start;
                    synchronized (slowest) {
                        slowest[0] = Math.max(slowest[0], took);
                    }
                    if (failure == null) {
                        playable.incrementAndGet();
                    } else {
                        failures.add(failure);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "load-herd-" + i, 256 * 1024);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                pids.addAll(ffmpegPids.get());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "load-herd-pids");
        watcher.setDaemon(true);
        ready.await();
        watcher.start();
        go.countDown();
        for (Thread thread : threads) {
            thread.join(120_000);
        }
        watcher.interrupt();
        watcher.join();
        pids.addAll(ffmpegPids.get());
        return new Result(requests, playable.get(), List.copyOf(failures), Set.copyOf(pids), slowest[0] / 1e6);
    }

    /** Null when the watch, the playlist and its first segment all worked; otherwise what went wrong. */
    private String firstRequest(HttpClient http, String agent) throws InterruptedException {
        try {
            HttpResponse<String> watch = http.send(get(base.resolve("watch/" + channel), agent), HttpResponse.BodyHandlers.ofString());
            String location = watch.headers().firstValue("Location").orElse(null);
            if (watch.statusCode() != 302 || location == null) {
                return "watch answered " + watch.statusCode() + ": " + watch.body();
            }
            URI playlistUri = base.resolve(location);
            HttpResponse<String> playlist = http.send(get(playlistUri, agent), HttpResponse.BodyHandlers.ofString());
            MediaPlaylist list = MediaPlaylist.parse(playlist.body());
            if (playlist.statusCode() != 200 || list.segments().isEmpty()) {
                return "playlist answered " + playlist.statusCode() + " with " + list.segments().size() + " segments";
            }
            HttpResponse<Long> segment = http.send(get(playlistUri.resolve(list.segments().get(list.segments().size() - 1)), agent),
                    CountingBody.handler());
            if (segment.statusCode() != 200 || segment.body() == 0) {
                return "segment answered " + segment.statusCode() + " with " + segment.body() + " bytes";
            }
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static HttpRequest get(URI uri, String agent) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("User-Agent", agent).GET().build();
    }
}
