package org.hlsgateway.transcoding.control;

import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The reaper's verdict on a channel's ready run: idle (nobody asked within the idle timeout), due before
 * the next tick (a one-off check at the exact moment), or stalled (no new segment for too long).
 */
final class IdleCheck {

    private static final Logger LOG = Logger.getLogger(TranscoderRegistry.class.getName());

    private IdleCheck() {
    }

    /**
     * The reaper's tick for one channel, under its lock: merges the run's playlist, stops it when idle,
     * finds a stall, and ends a restart wait nobody watches any more. True when it stopped the run.
     */
    static boolean reap(LiveChannel channel, long now) {
        boolean stopped = false;
        TranscoderHandle handle = channel.run();
        if (handle != null) {
            LiveSession current = channel.session();
            if (current != null) {
                current.absorb(handle, channel.registry());
            }
            handle.checkReady();
            stopped = check(channel, handle, current, now);
        }
        LiveSession waiting = channel.session();
        if (channel.run() == null && waiting != null && waiting.retryAt() > 0 && !channel.watched(now)) {
            LOG.info(() -> "channel " + channel.nickname() + ": nobody watches any more; no more restarts");
            channel.endSession(waiting, null);
        }
        return stopped;
    }

    /** Under the channel's lock: stops {@code handle} if it still is the run and nobody asked within the timeout. */
    static void stopIfIdle(LiveChannel channel, TranscoderHandle handle, long now) {
        long idle = now - handle.lastAccessMillis();
        if (channel.run() == handle && idle >= channel.registry().settings().idleTimeoutMillis()) {
            LOG.info(() -> "stopping idle channel " + channel.nickname() + " (no request for " + idle + " ms)");
            channel.stop(handle);
        }
    }

    /** Called under the channel's lock; true when it stopped the run as idle. */
    static boolean check(LiveChannel channel, TranscoderHandle handle, LiveSession session, long now) {
        if (!handle.isReady()) {
            return false;
        }
        TranscoderRegistry registry = channel.registry();
        long dueIn = registry.settings().idleTimeoutMillis() - (now - handle.lastAccessMillis());
        if (dueIn <= 0) {
            channel.stopIfIdle(handle, now);
            return true;
        }
        if (dueIn < TranscoderRegistry.REAPER_PERIOD_MILLIS && handle.markIdleCheck(now + dueIn)) {
            // due before the next tick: stop it on time instead of up to a period late
            registry.scheduler().schedule(() -> channel.stopIfIdle(handle, registry.now()), dueIn, TimeUnit.MILLISECONDS);
            return false;
        }
        if (session != null && now - session.lastSegmentAt() > session.stallMillis()) {
            String reason = "no new segment for " + (now - session.lastSegmentAt()) / 1000 + " s: the source stalled";
            channel.failed(handle, StartFailedException.Kind.STALLED, reason);
        }
        return false;
    }
}
