package org.hlsgateway.transcoding.control;

/** Delays between restarts of a failing source: 1 s, doubling up to 30 s; reset once a run works. */
public final class Backoff {

    private final long firstMillis;
    private final long maxMillis;
    private long next;

    public Backoff(long firstMillis, long maxMillis) {
        this.firstMillis = firstMillis;
        this.maxMillis = maxMillis;
        this.next = firstMillis;
    }

    /** The delay before the next attempt; each call doubles the one after. */
    public synchronized long next() {
        long delay = next;
        next = Math.min(maxMillis, next * 2);
        return delay;
    }

    public synchronized void reset() {
        next = firstMillis;
    }
}
