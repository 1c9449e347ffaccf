package org.hlsgateway.transcoding.control;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One wait of a watched channel before its failed source is restarted. FFmpeg starts follow the
 * session's back-off (1 s doubling to 30 s), so a dead camera is not hammered; meanwhile a TCP source's
 * port is knocked at every {@value #KNOCK_MILLIS} ms, and the restart comes at once when it accepts
 * again after refusing. A source that cannot be knocked at (UDP, files) waits at most
 * {@value #WATCHED_RETRY_MILLIS} ms, as someone watches. Used under its channel's lock.
 */
final class RestartWait {

    private static final Logger LOG = Logger.getLogger(TranscoderRegistry.class.getName());
    /** How often a watched channel waiting to be restarted knocks at its TCP source. */
    static final long KNOCK_MILLIS = 250;
    /** The longest wait before restarting a watched source that cannot be knocked at. */
    static final long WATCHED_RETRY_MILLIS = 1_000;

    private final LiveSession waiting;
    private final SourceKnock knock;
    private ScheduledFuture<?> knocking;

    private RestartWait(LiveSession waiting, SourceKnock knock) {
        this.waiting = waiting;
        this.knock = knock;
    }

    /**
     * Schedules the restart of {@code channel}'s source, whose run failed for {@code reason}. {@code knock}
     * (empty: the source cannot be knocked at) is the channel's, kept across the waits of one outage, so that
     * a refusal seen in an earlier wait counts when the camera comes back during a failing attempt.
     */
    static RestartWait schedule(SourceRecovery channel, LiveSession waiting, String reason, Optional<SourceKnock> knock) {
        TranscoderRegistry registry = channel.registry();
        ScheduledExecutorService scheduler = registry.scheduler();
        long backoff = waiting.nextRetryDelay();
        long delay = knock.isPresent() ? backoff : Math.min(backoff, WATCHED_RETRY_MILLIS);
        long at = registry.now() + delay;
        LOG.warning(() -> "channel " + channel.nickname() + ": " + reason + "; restarting in " + delay / 1000.0 + " s");
        waiting.waitForRetry(at, reason, scheduler.schedule(() -> channel.retry(waiting), delay, TimeUnit.MILLISECONDS));
        RestartWait wait = new RestartWait(waiting, knock.orElse(null));
        if (wait.knock != null) {
            wait.knocking = scheduler.scheduleWithFixedDelay(() -> channel.knock(wait),
                    KNOCK_MILLIS, KNOCK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return wait;
    }

    LiveSession waiting() {
        return waiting;
    }

    /** One knock; true when the source's port accepts again after refusing: time to restart. */
    boolean sourceIsBack(String nickname) {
        if (knock == null || waiting.retryAt() == 0 || !knock.backAfterRefusal()) {
            return false;
        }
        LOG.info(() -> "channel " + nickname + ": the source accepts connections again; restarting now");
        return true;
    }

    /** No more knocking (the restart came, or the session ended); the knock remembers what it saw. */
    void end() {
        if (knocking != null) {
            knocking.cancel(false);
        }
        if (knock != null) {
            knock.close();
        }
    }
}
