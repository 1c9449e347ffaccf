package org.hlsgateway.security.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing. The first {@code freeFailures} failed logins for one key (an
 * account, or a client address with a larger allowance) cost nothing; each failure after them
 * locks the key, first for {@code firstLockMillis}, then for twice as long as the last time, up to
 * {@code maxLockMillis}. A success clears the key; so do {@code 2 * maxLockMillis} without failures,
 * which also keeps the map from growing without bound.
 */
public final class LoginThrottle {

    private record Failures(int count, long lockedUntil, long lastFailure) {
    }

    private static final int PRUNE_ABOVE = 10_000;

    private final int freeFailures;
    private final long firstLockMillis;
    private final long maxLockMillis;
    private final LongSupplier clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int freeFailures, long firstLockMillis, long maxLockMillis, LongSupplier clock) {
        this.freeFailures = freeFailures;
        this.firstLockMillis = firstLockMillis;
        this.maxLockMillis = maxLockMillis;
        this.clock = clock;
    }

    /** Milliseconds {@code key} stays locked; 0 when it may try. */
    public long lockedFor(String key) {
        Failures f = failures.get(key);
        return f == null ? 0 : Math.max(0, f.lockedUntil() - clock.getAsLong());
    }

    /** Records a failure; returns the lock it earned in milliseconds (0 for none yet). */
    public long failed(String key) {
        long now = clock.getAsLong();
        Failures updated = failures.compute(key, (k, old) -> {
            int count = old == null || now - old.lastFailure() > forgetMillis() ? 1 : old.count() + 1;
            return new Failures(count, lockUntil(count, now), now);
        });
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(f -> now - f.lastFailure() > forgetMillis());
        }
        return Math.max(0, updated.lockedUntil() - now);
    }

    public void succeeded(String key) {
        failures.remove(key);
    }

    public int failureCount(String key) {
        Failures f = failures.get(key);
        return f == null ? 0 : f.count();
    }

    private long lockUntil(int count, long now) {
        int over = count - freeFailures;
        if (over <= 0) {
            return 0;
        }
        long lock = firstLockMillis << Math.min(over - 1, 20);
        return now + Math.min(lock, maxLockMillis);
    }

    private long forgetMillis() {
        return 2 * maxLockMillis;
    }
}
