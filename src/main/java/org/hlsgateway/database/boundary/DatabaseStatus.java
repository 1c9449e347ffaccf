package org.hlsgateway.database.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.hlsgateway.database.control.DatabaseUnavailableException;
import org.hlsgateway.database.control.LostConnection;

/**
 * Whether the database is reachable, as the gateway last saw it. It flips to down at the first lost
 * connection (logged once: "database unavailable"); while it is down, calls fail at once without asking the
 * pool, and at most one question a second goes to the database ({@link #answers()}, asked by the readiness
 * check and by the calls themselves), until it answers again (logged once: "database is back"). So an
 * outage costs no stack trace per request, and its end is noticed within a second of the next request or
 * health poll. It also counts the database errors that requests met ({@code hls_database_errors_total}).
 */
@ApplicationScoped
public class DatabaseStatus {

    private static final Logger LOG = Logger.getLogger(DatabaseStatus.class.getName());
    static final long PROBE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Inject
    DatabaseProbe probe;

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong errors = new AtomicLong();
    private final ReentrantLock probing = new ReentrantLock();
    private volatile long downSince;
    private volatile long probedAt;
    private volatile boolean probed;
    private volatile boolean lastAnswer = true;

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

    /** A call refused at once because the database is known to be down: counted as a database error. */
    public void refused() {
        errors.incrementAndGet();
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
            }
        }
    }

    public boolean isDown() {
        return down.get();
    }

    /** Calls that found the database unavailable since the start (each once, however often it is rethrown). */
    public long errors() {
        return errors.get();
    }

    /**
     * Whether the database answers, asked at most once a second and by one caller at a time (the others get
     * the last answer at once), each question bounded by a second or two: for {@code /health/ready}, and for
     * the calls that find the database down.
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
            probedAt = downSince; // the next question in a second
            probed = true;
            LOG.warning(() -> "database unavailable" + (thrown == null ? "" : " (" + rootMessage(thrown) + ")")
                    + ": API, console and cold starts of unknown channels answer 503 until it is back;"
                    + " live channels keep playing");
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
