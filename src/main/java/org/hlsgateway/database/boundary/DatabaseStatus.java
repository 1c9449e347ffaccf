package org.hlsgateway.database.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.hlsgateway.database.control.DatabaseUnavailableException;
import org.hlsgateway.database.control.LostConnection;

/**
 * Whether the database is reachable, as the gateway last saw it. It flips to down at the first lost
 * connection (logged once: "database unavailable"), then asks the database once a second until it
 * answers again (logged once: "database is back"). It counts the database errors that requests met
 * ({@code hls_database_errors_total}) and answers the readiness check from a probe at most once a second,
 * so that health polls cannot pile up on a dead database.
 */
@ApplicationScoped
public class DatabaseStatus {

    private static final Logger LOG = Logger.getLogger(DatabaseStatus.class.getName());
    static final long PROBE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Inject
    DatabaseProbe probe;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong errors = new AtomicLong();
    private final ReentrantLock probing = new ReentrantLock();
    private volatile long downSince;
    private volatile long probedAt;
    private volatile boolean probed;
    private volatile boolean lastAnswer = true;
    private ScheduledFuture<?> watch;

    /**
     * True when {@code thrown} means the database cannot be reached (then counted, and the outage noted);
     * false for any other error, which stays the caller's to handle.
     */
    public boolean unavailable(Throwable thrown) {
        if (LostConnection.in(thrown)) {
            if (!isNoted(thrown)) {
                errors.incrementAndGet();
            }
            wentDown(thrown);
            return true;
        }
        return false;
    }

    /** A call reached the database: the outage, if there was one, is over. */
    public void reachable() {
        if (!down.get()) {
            return; // the common case, without a lock
        }
        synchronized (this) {
            if (down.compareAndSet(true, false)) {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSince);
                LOG.info(() -> "database is back after " + millis / 1000.0 + " s");
                if (watch != null) {
                    watch.cancel(false);
                    watch = null;
                }
            }
        }
    }

    public boolean isDown() {
        return down.get();
    }

    /** Database errors met by requests since the start (each lost connection once). */
    public long errors() {
        return errors.get();
    }

    /**
     * For {@code /health/ready}: whether the database answers, asked at most once a second and by one
     * caller at a time (the others get the last answer), each question bounded by a second or two.
     */
    public boolean answers() {
        long now = System.nanoTime();
        if ((probed && now - probedAt < PROBE_EVERY_NANOS) || !probing.tryLock()) {
            return lastAnswer;
        }
        try {
            boolean answer = probe.answers();
            lastAnswer = answer;
            probedAt = System.nanoTime();
            probed = true;
            if (answer) {
                reachable();
            } else {
                wentDown(null);
            }
            return answer;
        } finally {
            probing.unlock();
        }
    }

    private void wentDown(Throwable thrown) {
        if (down.get()) {
            return;
        }
        synchronized (this) {
            if (!down.compareAndSet(false, true)) {
                return;
            }
            downSince = System.nanoTime();
            lastAnswer = false;
            LOG.warning(() -> "database unavailable" + (thrown == null ? "" : " (" + rootMessage(thrown) + ")")
                    + ": API, console and cold starts of unknown channels answer 503 until it is back;"
                    + " live channels keep playing");
            // asks once a second while it is down, so that its return is noticed without a request
            if (watch == null && scheduler != null) {
                watch = scheduler.scheduleWithFixedDelay(this::answers, 1, 1, TimeUnit.SECONDS);
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
    }

    private static boolean isNoted(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
