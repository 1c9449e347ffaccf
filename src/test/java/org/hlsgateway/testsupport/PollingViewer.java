package org.hlsgateway.testsupport;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A player that keeps polling a channel's playlist (as hls.js does) without ever reloading, and
 * remembers which segment each media sequence number named, so a test can check that the
 * sequence stays continuous across source failures.
 */
public final class PollingViewer implements AutoCloseable {

    private final Gateway gateway;
    private final String path;
    private final long intervalMillis;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Long, String> bySequence = new TreeMap<>();
    private final List<String> conflicts = new CopyOnWriteArrayList<>();
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private final AtomicInteger discontinuities = new AtomicInteger();

    public PollingViewer(Gateway gateway, String nickname, long intervalMillis) {
        this.gateway = gateway;
        this.path = "read/" + nickname + "/index.m3u8";
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::poll, "viewer-" + nickname);
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        while (running.get()) {
            try {
                HttpResponse<String> response = gateway.get(path);
                statuses.add(response.statusCode());
                if (response.statusCode() == 200) {
                    take(response.body());
                }
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                statuses.add(-1);
            }
        }
    }

    private synchronized void take(String playlist) {
        long sequence = -1;
        int breaks = 0;
        for (String line : playlist.split("\n")) {
            if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                sequence = Long.parseLong(line.substring(22).trim());
            } else if (line.equals("#EXT-X-DISCONTINUITY")) {
                breaks++;
            } else if (!line.isBlank() && !line.startsWith("#")) {
                String earlier = bySequence.putIfAbsent(sequence, line);
                if (earlier != null && !earlier.equals(line)) {
                    conflicts.add(sequence + ": " + earlier + " then " + line);
                }
                sequence++;
            }
        }
        discontinuities.accumulateAndGet(breaks, Math::max);
    }

    /** Sequence numbers that named two different segments: must stay empty. */
    public List<String> conflicts() {
        return List.copyOf(conflicts);
    }

    /** Numbers between the first and last seen that no playlist ever listed: must stay empty. */
    public synchronized List<Long> gaps() {
        List<Long> numbers = List.copyOf(bySequence.keySet());
        List<Long> gaps = new java.util.ArrayList<>();
        for (int i = 1; i < numbers.size(); i++) {
            for (long n = numbers.get(i - 1) + 1; n < numbers.get(i); n++) {
                gaps.add(n);
            }
        }
        return gaps;
    }

    public synchronized int segmentsSeen() {
        return bySequence.size();
    }

    /** The segment names seen, in media sequence order. */
    public synchronized List<String> segments() {
        return List.copyOf(bySequence.values());
    }

    /** The most discontinuity tags one playlist carried. */
    public int discontinuities() {
        return discontinuities.get();
    }

    public List<Integer> statuses() {
        return List.copyOf(statuses);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.interrupt();
        thread.join(5000);
    }
}
