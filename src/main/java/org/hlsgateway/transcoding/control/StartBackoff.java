package org.hlsgateway.transcoding.control;

/**
 * One channel's failed starts, and until when a new start waits (1 s, doubling up to 30 s).
 * Every viewer of such a channel gets the remembered reason meanwhile, so a dead camera with many
 * players costs one FFmpeg start per delay, not one per request. Cleared by a start that works,
 * an edit, a delete, or an admin's explicit start.
 */
final class StartBackoff {

    static final long FIRST_MILLIS = 1_000;
    static final long MAX_MILLIS = 30_000;

    private Backoff delays;
    private String reason;
    private long until;

    /** A start of the channel failed at {@code now}: the next one waits for the next delay. */
    synchronized void failed(String why, long now) {
        if (delays == null) {
            delays = new Backoff(FIRST_MILLIS, MAX_MILLIS);
        }
        reason = why;
        until = now + delays.next();
    }

    /** Null when the channel may start at {@code now}; otherwise the answer for the one who asked. */
    synchronized StartFailedException refusal(long now) {
        if (delays == null || until <= now) {
            return null;
        }
        long seconds = Math.max(1, (until - now + 999) / 1000);
        return new StartFailedException(StartFailedException.Kind.RETRYING,
                reason + "; the gateway tries the source again in " + seconds + " s", seconds);
    }

    synchronized void reset() {
        delays = null;
        reason = null;
        until = 0;
    }
}
