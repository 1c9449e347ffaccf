package org.hlsgateway.transcoding.control;

/**
 * Delays between attempts at a failing source: 1 s, doubling up to 30 s, reset once a run works. A channel
 * has two: its restarts while watched ({@link LiveSession}), and its failed starts ({@link LiveChannel}), which
 * also keep the reason. Every viewer of a channel whose start failed gets that reason until the delay is over,
 * so a dead camera with many players costs one FFmpeg start per delay, not one per request. Cleared by a start
 * that works, an edit, a delete, or an admin's explicit start.
 */
final class Backoff {

    static final long FIRST_MILLIS = 1_000;
    static final long MAX_MILLIS = 30_000;

    private long next = FIRST_MILLIS;
    private String reason;
    private long until;

    /** The delay before the next attempt; each call doubles the one after. */
    synchronized long next() {
        long delay = next;
        next = Math.min(MAX_MILLIS, next * 2);
        return delay;
    }

    /** A start of the channel failed at {@code now}: the next one waits for the next delay. */
    synchronized void failed(String why, long now) {
        reason = why;
        until = now + next();
    }

    /** Null when the channel may start at {@code now}; otherwise the answer for the one who asked. */
    synchronized StartFailedException refusal(long now) {
        if (until <= now) {
            return null;
        }
        long seconds = Math.max(1, (until - now + 999) / 1000);
        return new StartFailedException(StartFailedException.Kind.RETRYING,
                reason + "; the gateway tries the source again in " + seconds + " s", seconds);
    }

    synchronized void reset() {
        next = FIRST_MILLIS;
        reason = null;
        until = 0;
    }
}
