package org.hlsgateway.transcoding.control;

import java.util.concurrent.TimeUnit;

/**
 * The reaper's verdict on a channel's ready run: idle (nobody asked within the idle timeout), due before
 * the next tick (a one-off check at the exact moment), or stalled (no new segment for too long).
 */
final class IdleCheck {

    private IdleCheck() {
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
