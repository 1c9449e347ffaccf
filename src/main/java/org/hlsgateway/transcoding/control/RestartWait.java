package org.hlsgateway.transcoding.control;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A watched channel's wait before its source is restarted after a failure. FFmpeg starts follow the
 * session's back-off (1 s doubling to 30 s), so a dead camera is not hammered; meanwhile a TCP source's
 * port is knocked at every {@value LiveChannel#KNOCK_MILLIS} ms, and the restart comes at once when it
 * accepts again after refusing. A source that cannot be knocked at waits at most
 * {@value LiveChannel#WATCHED_RETRY_MILLIS} ms, as someone watches.
 */
final class RestartWait {

    private static final Logger LOG = Logger.getLogger(TranscoderRegistry.class.getName());

    private RestartWait() {
    }

    /** Called under the channel's lock. */
    static void schedule(LiveChannel channel, LiveSession waiting, String reason) {
        TranscoderRegistry registry = channel.registry();
        ScheduledExecutorService scheduler = registry.scheduler();
        Optional<SourceKnock> knock = registry.knock(waiting.spec().url());
        long backoff = waiting.nextRetryDelay();
        long delay = knock.isPresent() ? backoff : Math.min(backoff, LiveChannel.WATCHED_RETRY_MILLIS);
        long at = registry.now() + delay;
        LOG.warning(() -> "channel " + channel.nickname() + ": " + reason + "; restarting in " + delay / 1000.0 + " s");
        waiting.waitForRetry(at, reason, scheduler.schedule(() -> channel.retry(waiting), delay, TimeUnit.MILLISECONDS));
        knock.ifPresent(k -> channel.knockWith(k, scheduler.scheduleWithFixedDelay(() -> channel.knock(waiting, k),
                LiveChannel.KNOCK_MILLIS, LiveChannel.KNOCK_MILLIS, TimeUnit.MILLISECONDS)));
    }
}
