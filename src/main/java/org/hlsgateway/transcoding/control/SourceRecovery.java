package org.hlsgateway.transcoding.control;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A watched channel's way back from a source outage: the wait before each restart, the knock at the
 * source that cuts the wait short, and the restart itself. One per channel, for the channel's life; the
 * knock is kept across the waits of one outage (see {@link RestartWait}). Guarded by the channel's lock.
 */
final class SourceRecovery {

    private static final Logger LOG = Logger.getLogger(TranscoderRegistry.class.getName());

    private final LiveChannel channel;
    private RestartWait restartWait;
    /** The knock at the source of the current outage (empty: the source cannot be knocked at). */
    private Optional<SourceKnock> knock = Optional.empty();
    private String knockUrl;

    SourceRecovery(LiveChannel channel) {
        this.channel = channel;
    }

    /**
     * Under the channel's lock, after the channel recorded the failure: while people watch a channel that has
     * played, the source is restarted after a back-off delay, and the run's directory stays until its segments
     * leave the window. Otherwise the start backs off and the session ends here.
     */
    void failed(TranscoderHandle handle, StartFailedException.Kind kind, String reason) {
        if (!handle.markStopping()) {
            return;
        }
        LiveSession current = channel.session();
        boolean restart = current != null && current.hasPlayed() && channel.watched(channel.registry().now());
        if (restart) {
            waitToRestart(current, reason); // first, so that nobody sees the channel idle meanwhile
        } else {
            channel.backOff(reason); // first too: no request in between starts another
        }
        channel.clearRun(handle); // before failing, so waiters see FAILED, never STARTING
        handle.fail(new StartFailedException(kind, reason));
        if (restart) {
            channel.registry().runs().stop(handle, null);
            return;
        }
        if (current != null) {
            channel.endSession(current, handle.run());
        }
        channel.registry().runs().stop(handle, handle.directory());
    }

    /** The run of {@code waiting} failed for {@code reason}: restart it after the back-off, or when the knock says. */
    void waitToRestart(LiveSession waiting, String reason) {
        stopWaiting();
        String url = waiting.spec().url();
        if (!url.equals(knockUrl)) {
            knock = channel.registry().knock(url);
            knockUrl = url;
        }
        restartWait = RestartWait.schedule(this, waiting, reason, knock);
    }

    /** The session ended: no more waits, and the next outage knocks afresh. */
    void end() {
        stopWaiting();
        knockUrl = null;
    }

    private void stopWaiting() {
        if (restartWait != null) {
            restartWait.end();
            restartWait = null;
        }
    }

    String nickname() {
        return channel.nickname();
    }

    TranscoderRegistry registry() {
        return channel.registry();
    }

    /** One knock of the restart wait (on the scheduler): the source's port accepts again, so the restart comes now. */
    void knock(RestartWait wait) {
        synchronized (channel) {
            if (restartWait != wait) {
                wait.end();
            } else if (!channel.waitsToRestart(wait.waiting())) {
                stopWaiting();
            } else if (wait.sourceIsBack(channel.nickname())) {
                wait.waiting().cancelRetry();
                retry(wait.waiting());
            }
        }
    }

    /** The wait is over (on the scheduler): a new run, unless the session ended or nobody watches any more. */
    void retry(LiveSession waiting) {
        synchronized (channel) {
            waiting.retrying();
            if (!channel.waitsToRestart(waiting)) {
                return;
            }
            stopWaiting();
            if (!channel.watched(channel.registry().now())) {
                LOG.info(() -> "channel " + channel.nickname() + ": nobody watches any more; no more restarts");
                channel.endSession(waiting, null);
                return;
            }
            try {
                channel.restartRun(waiting.spec());
            } catch (StartFailedException e) {
                waitToRestart(waiting, e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "restart of " + channel.nickname() + " failed", e);
                waitToRestart(waiting, "restart failed: " + e.getMessage());
            }
        }
    }
}
