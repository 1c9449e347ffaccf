package org.hlsgateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What an HLS player does over HTTP: watch, follow the redirect, read the playlist, fetch segments. */
final class Player {

    private final HttpClient http;
    private final String base;

    Player(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    /** Times of one cold start, in ms from the first request. */
    record Start(long startedNanos, double redirected, double playlist, double firstSegment, int segmentBytes) {
    }

    /**
     * A cold start tried up to {@code tries} times, 1, 2, 4 … s apart, as a player would (a 504, or a 502 when the
     * shared camera sent "invalid data" to a client joining while it held the others back); {@code retries} counts
     * the tries after the first. Returns null once it worked, else the last failure.
     */
    IllegalStateException coldStartRetrying(String nickname, int tries, java.util.concurrent.atomic.AtomicLong retries)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                coldStart(nickname);
                return null;
            } catch (IllegalStateException e) {
                if (attempt == tries) {
                    return e;
                }
                retries.incrementAndGet();
                System.out.println("  " + nickname + ": " + e.getMessage() + "; retrying");
                Proc.sleep(1000L << (attempt - 1));
            }
        }
    }

    Start coldStart(String nickname) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<Void> watch = http.send(get(base + "/watch/" + nickname), HttpResponse.BodyHandlers.discarding());
        if (watch.statusCode() != 302) {
            throw new IllegalStateException("watch answered " + watch.statusCode());
        }
        long t1 = System.nanoTime();
        URI playlistUri = URI.create(base + "/").resolve(watch.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> playlist = http.send(get(playlistUri.toString()), HttpResponse.BodyHandlers.ofString());
        long t2 = System.nanoTime();
        List<String> segments = segments(playlist.body());
        if (playlist.statusCode() != 200 || segments.isEmpty()) {
            throw new IllegalStateException("playlist answered " + playlist.statusCode() + " with no segment: " + playlist.body());
        }
        HttpResponse<byte[]> segment = http.send(get(playlistUri.resolve(segments.get(0)).toString()),
                HttpResponse.BodyHandlers.ofByteArray());
        long t3 = System.nanoTime();
        if (segment.statusCode() != 200) {
            throw new IllegalStateException("first segment answered " + segment.statusCode());
        }
        return new Start(t0, ms(t1 - t0), ms(t2 - t0), ms(t3 - t0), segment.body().length);
    }

    /** Reads the playlist; returns its body (null if not 200). */
    String playlist(String nickname) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(get(base + "/read/" + nickname + "/index.m3u8"), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? answer.body() : null;
    }

    int segment(String nickname, String name) throws IOException, InterruptedException {
        return http.send(get(base + "/read/" + nickname + "/" + name), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static List<String> segments(String playlist) {
        List<String> names = new ArrayList<>();
        for (String line : playlist.split("\n")) {
            String l = line.trim();
            if (!l.isEmpty() && !l.startsWith("#")) {
                names.add(l);
            }
        }
        return names;
    }

    static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Accept", "*/*").timeout(Duration.ofSeconds(30)).build();
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
