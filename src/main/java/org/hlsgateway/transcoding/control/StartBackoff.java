package org.hlsgateway.transcoding.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channels whose last start failed, and until when a new start waits (1 s, doubling up to 30 s).
 * Every viewer of such a channel gets the remembered reason meanwhile, so a dead camera with many
 * players costs one FFmpeg start per delay, not one per request. Cleared by a start that works,
 * an edit, a delete, or an admin's explicit start.
 */
final class StartBackoff {

    static final long FIRST_MILLIS = 1_000;
    static final long MAX_MILLIS = 30_000;

    private record Waiting(String reason, long until, Backoff delays) {
    }

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    /** A start of the channel failed at {@code now}: the next one waits for the next delay. */
    void failed(String nickname, String reason, long now) {
        waiting.compute(nickname, (n, before) -> {
            Backoff delays = before == null ? new Backoff(FIRST_MILLIS, MAX_MILLIS) : before.delays();
            return new Waiting(reason, now + delays.next(), delays);
        });
    }

    /** Null when the channel may start at {@code now}; otherwise the answer for the one who asked. */
    StartFailedException refusal(String nickname, long now) {
        Waiting w = waiting.get(nickname);
        if (w == null || w.until() <= now) {
            return null;
        }
        long seconds = Math.max(1, (w.until() - now + 999) / 1000);
        return new StartFailedException(StartFailedException.Kind.RETRYING,
                w.reason() + "; the gateway tries the source again in " + seconds + " s", seconds);
    }

    void reset(String nickname) {
        waiting.remove(nickname);
    }
}
