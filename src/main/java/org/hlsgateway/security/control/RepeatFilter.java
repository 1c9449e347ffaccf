package org.hlsgateway.security.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Lets the first of a kind of log line through and then at most one per quiet period, counting the
 * ones held back: a player polling with a revoked token, or a client trying tokens in a loop, must
 * not write a line per request. Remembers at most {@code maxKinds} kinds; beyond that it starts over.
 */
final class RepeatFilter {

    private final long quietMillis;
    private final int maxKinds;
    private final LongSupplier clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private static final class Seen {
        long loggedAt;
        long heldBack;

        Seen(long loggedAt) {
            this.loggedAt = loggedAt;
        }
    }

    RepeatFilter(long quietMillis, int maxKinds, LongSupplier clock) {
        this.quietMillis = quietMillis;
        this.maxKinds = maxKinds;
        this.clock = clock;
    }

    /**
     * -1 when a line of {@code kind} is held back now; otherwise how many were held back since the
     * last one that was let through (0 for the first).
     */
    long admit(String kind) {
        long now = clock.getAsLong();
        if (seen.size() >= maxKinds && !seen.containsKey(kind)) {
            seen.clear(); // a flood of distinct kinds: forget them rather than grow without bound
        }
        long[] result = new long[1];
        seen.compute(kind, (k, last) -> {
            if (last == null) {
                result[0] = 0;
                return new Seen(now);
            }
            if (now - last.loggedAt < quietMillis) {
                last.heldBack++;
                result[0] = -1;
                return last;
            }
            result[0] = last.heldBack;
            last.loggedAt = now;
            last.heldBack = 0;
            return last;
        });
        return result[0];
    }
}
