package org.hlsgateway.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final long FIRST = 1_000;
    private static final long MAX = 10_000;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(3, FIRST, MAX, now::get);

    private void fail(String key, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(key);
        }
    }

    @Test
    void unknownKeyIsNotLocked() {
        assertEquals(0, throttle.lockedFor("alice"));
        assertEquals(0, throttle.failureCount("alice"));
    }

    @Test
    void noLockWhileTheFreeFailuresLast() {
        long[] locks = new long[3];

        for (int i = 0; i < 3; i++) {
            locks[i] = throttle.failed("alice");
        }

        assertEquals(0, locks[0]);
        assertEquals(0, locks[1]);
        assertEquals(0, locks[2]);
        assertEquals(0, throttle.lockedFor("alice"));
        assertEquals(3, throttle.failureCount("alice"));
    }

    @Test
    void firstFailureAfterTheFreeOnesEarnsTheFirstLock() {
        fail("alice", 3);

        long lock = throttle.failed("alice");

        assertEquals(FIRST, lock);
        assertEquals(FIRST, throttle.lockedFor("alice"));
    }

    @Test
    void lockDoublesWithEachFurtherFailureUpToTheMaximum() {
        fail("alice", 3);
        List<Long> locks = new ArrayList<>();

        for (int i = 0; i < 7; i++) {
            locks.add(throttle.failed("alice"));
        }

        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 10_000L, 10_000L, 10_000L), locks);
        assertEquals(MAX, throttle.lockedFor("alice"));
    }

    @Test
    void lockStaysCappedAfterVeryManyFailures() {
        fail("alice", 500);

        long lock = throttle.failed("alice");

        assertEquals(MAX, lock);
        assertEquals(501, throttle.failureCount("alice"));
    }

    @Test
    void lockShrinksAsTheClockAdvancesAndEndsAtZero() {
        fail("alice", 5); // free, free, free, 1 s, 2 s
        assertEquals(2_000, throttle.lockedFor("alice"));

        now.addAndGet(500);
        long afterHalfASecond = throttle.lockedFor("alice");
        now.addAndGet(1_500);
        long atTheEnd = throttle.lockedFor("alice");
        now.addAndGet(60_000);
        long longAfter = throttle.lockedFor("alice");

        assertEquals(1_500, afterHalfASecond);
        assertEquals(0, atTheEnd);
        assertEquals(0, longAfter);
    }

    @Test
    void failureAfterAnExpiredLockStillDoubles() {
        fail("alice", 4); // 1 s lock
        now.addAndGet(FIRST + 1);
        assertEquals(0, throttle.lockedFor("alice"));

        long lock = throttle.failed("alice");

        assertEquals(2 * FIRST, lock);
    }

    @Test
    void successClearsTheKey() {
        fail("alice", 6);
        assertTrue(throttle.lockedFor("alice") > 0);

        throttle.succeeded("alice");

        assertEquals(0, throttle.lockedFor("alice"));
        assertEquals(0, throttle.failureCount("alice"));
        assertEquals(0, throttle.failed("alice"), "the free failures are available again");
    }

    @Test
    void keysAreIndependent() {
        fail("alice", 6);

        long bobLock = throttle.failed("bob");

        assertEquals(0, bobLock);
        assertEquals(1, throttle.failureCount("bob"));
        assertEquals(6, throttle.failureCount("alice"));
        assertEquals(4 * FIRST, throttle.lockedFor("alice"));
        assertEquals(0, throttle.lockedFor("bob"));

        throttle.succeeded("bob");

        assertEquals(6, throttle.failureCount("alice"), "clearing bob leaves alice alone");
    }

    @Test
    void withoutFreeFailuresTheFirstFailureLocks() {
        LoginThrottle strict = new LoginThrottle(0, FIRST, MAX, now::get);

        long first = strict.failed("alice");
        long second = strict.failed("alice");

        assertEquals(FIRST, first);
        assertEquals(2 * FIRST, second);
        assertEquals(2, strict.failureCount("alice"));
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        int threads = 20;
        int perThread = 50;
        LoginThrottle shared = new LoginThrottle(5, FIRST, MAX, now::get);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        shared.failed("alice");
                    }
                    return null;
                }));
            }

            start.countDown();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (Future<?> f : done) {
                    f.get();
                }
            });

            assertEquals(threads * perThread, shared.failureCount("alice"));
            assertEquals(MAX, shared.lockedFor("alice"));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Another failure for the same key landing between the insert of the first failure and the
     * lock that {@code freeFailures == 0} adds to it (simulated deterministically: the clock that
     * {@code failed} consults in between records that second failure) must still be counted.
     */
    @Test
    void withoutFreeFailuresARacingSecondFailureIsCounted() {
        AtomicBoolean raced = new AtomicBoolean();
        LoginThrottle[] holder = new LoginThrottle[1];
        holder[0] = new LoginThrottle(0, FIRST, MAX, () -> {
            if (raced.compareAndSet(false, true)) {
                holder[0].failed("alice"); // the "other thread"
            }
            return now.get();
        });

        holder[0].failed("alice");

        assertTrue(raced.get(), "the interleaving was exercised");
        assertEquals(2, holder[0].failureCount("alice"), "both failures are counted");
        assertEquals(2 * FIRST, holder[0].lockedFor("alice"), "the second failure doubled the lock");
    }
}
