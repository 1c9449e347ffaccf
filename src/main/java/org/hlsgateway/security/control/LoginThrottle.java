package org.hlsgateway.security.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing. After {@code freeFailures} failed logins for one key (an account,
 * or a client address with a larger allowance), the key is locked for a time that doubles with
 * each further failure, up to {@code maxLockMillis}. A success clears the key.
 */
public final class LoginThrottle {

    private record Failures(int count, long lockedUntil) {
    }

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
        Failures updated = failures.merge(key, new Failures(1, 0), (old, one) -> {
            int count = old.count() + 1;
            return new Failures(count, lockUntil(count));
        });
        if (updated.count() == 1 && freeFailures == 0) {
            updated = new Failures(1, lockUntil(1));
            failures.put(key, updated);
        }
        return Math.max(0, updated.lockedUntil() - clock.getAsLong());
    }

    public void succeeded(String key) {
        failures.remove(key);
    }

    public int failureCount(String key) {
        Failures f = failures.get(key);
        return f == null ? 0 : f.count();
    }

    private long lockUntil(int count) {
        int over = count - freeFailures;
        if (over <= 0) {
            return 0;
        }
        long lock = firstLockMillis << Math.min(over - 1, 20);
        return clock.getAsLong() + Math.min(lock, maxLockMillis);
    }
}
