package org.hlsgateway.transcoding.control;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.transcoding.entity.TranscoderStatus;

/**
 * One watched channel's whole life: its current FFmpeg run, its live session (the players' window),
 * its last access, failures and start back-off, idle stop, stall detection, restarts after a failure,
 * the HEVC switch to fMP4 and settings restarts. Every change of state happens under this object's
 * lock; the request hot path (touch, playlist, segment, status) only reads volatile fields.
 */
final class LiveChannel {

    private static final Logger LOG = Logger.getLogger(TranscoderRegistry.class.getName());

    private final String nickname;
    private final TranscoderRegistry registry;
    private final StartBackoff backoff = new StartBackoff();
    private volatile TranscoderHandle run;
    private volatile LiveSession session;
    private volatile String failure;
    private volatile long lastAccess = -1;
    private final ChannelRuns runs = new ChannelRuns(this);
    private RestartWait restartWait;
    /** The knock at the source of the current outage (empty: the source cannot be knocked at). */
    private Optional<SourceKnock> knock = Optional.empty();
    private String knockUrl;

    LiveChannel(String nickname, TranscoderRegistry registry) {
        this.nickname = nickname;
        this.registry = registry;
    }

    TranscoderHandle run() {
        return run;
    }

    LiveSession session() {
        return session;
    }

    /** True while the channel has any state (running, restarting or failed); otherwise it is IDLE. */
    boolean tracked() {
        return run != null || session != null || failure != null;
    }

    /** The running transcoder, started now if there is none. Never two. */
    TranscoderHandle ensureStarted(TranscodeSpec spec) {
        TranscoderHandle current = run;
        return current != null ? current : startIfNone(spec);
    }

    private synchronized TranscoderHandle startIfNone(TranscodeSpec spec) {
        if (run != null) {
            return run;
        }
        LiveSession waiting = session;
        long now = registry.now();
        if (waiting != null && waiting.retryAt() > now) {
            long seconds = Math.max(1, (waiting.retryAt() - now + 999) / 1000);
            throw new StartFailedException(StartFailedException.Kind.RETRYING, waiting.failure()
                    + "; the gateway restarts the source in " + seconds + " s", seconds);
        }
        StartFailedException refusal = backoff.refusal(now);
        if (refusal != null) { // the last start failed: its reason, not another FFmpeg, until the delay is over
            throw refusal;
        }
        run = launch(spec, false);
        return run;
    }

    /** The next start tries at once, not after a failed start's back-off delay (an admin's Start, a probe). */
    void resetBackoff() {
        backoff.reset();
    }

    /** Records activity: memory writes only. */
    void touch(String client) {
        long now = registry.now();
        lastAccess = now;
        TranscoderHandle handle = run;
        if (handle != null) {
            handle.touch(client, now);
        }
    }

    private boolean watched(long now) {
        long accessed = lastAccess;
        return accessed >= 0 && now - accessed < registry.settings().idleTimeoutMillis();
    }

    /** The players' playlist: one media sequence across FFmpeg restarts; empty before the first segment. */
    Optional<String> playlist() {
        LiveSession current = session;
        if (current == null) {
            return Optional.empty();
        }
        TranscoderHandle handle = run;
        // the file watcher merges FFmpeg's playlist whenever FFmpeg writes it, so a request reads it
        // only where no watcher runs, or before the first segment (a waiting player may be answered
        // before the watcher's merge)
        if (handle != null && !handle.isStopping() && (!registry.runs().watchesFiles() || !current.hasPlayed())) {
            current.merge(handle, registry.now());
        }
        return current.playlist();
    }

    TranscoderStatus status() {
        return ChannelStatus.of(run, session, failure, lastAccess, registry);
    }

    /** Stops the current run, if any, in the background. */
    synchronized CompletableFuture<Void> stop() {
        TranscoderHandle handle = run;
        return handle == null ? CompletableFuture.completedFuture(null) : stop(handle);
    }

    private CompletableFuture<Void> stop(TranscoderHandle handle) {
        if (!handle.markStopping()) {
            return handle.process().onExit().thenApply(p -> null);
        }
        clearRun(handle);
        handle.fail(new StartFailedException(StartFailedException.Kind.SOURCE_FAILED, "the transcoder was stopped"));
        LiveSession current = session;
        if (current != null) {
            endSession(current, handle.run());
        }
        return registry.runs().stop(handle, handle.directory());
    }

    /** Forgets everything about the channel (it was deleted, or edited while nobody watched). */
    synchronized CompletableFuture<Void> forget() {
        CompletableFuture<Void> stopped = stop();
        LiveSession waiting = session; // a source waiting to be restarted: no more attempts
        if (waiting != null && run == null) {
            endSession(waiting, null);
        }
        failure = null;
        backoff.reset();
        lastAccess = -1;
        runs.forgetHevc();
        return stopped;
    }

    /** Settings changed: watched, the run restarts at once with {@code spec}; otherwise the channel is forgotten. */
    void restart(TranscodeSpec spec) {
        CompletableFuture<Void> forgotten;
        synchronized (this) {
            TranscoderHandle old = run;
            LiveSession current = session;
            if (old != null && current != null && watched(registry.now())) {
                runs.forgetHevc();
                current.use(spec);
                RunReplacement.replace(this, old, spec, false);
                return;
            }
            forgotten = forget();
        }
        forgotten.join();
    }

    /** The reaper's check: stops the run when idle, merges its playlist, finds a stall; true when it stopped one. */
    synchronized boolean reap(long now) {
        boolean stopped = false;
        TranscoderHandle handle = run;
        if (handle != null) {
            LiveSession current = session;
            if (current != null) {
                playlistChanged(handle, current);
            }
            handle.checkReady();
            stopped = IdleCheck.check(this, handle, current, now);
        }
        LiveSession waiting = session;
        if (run == null && waiting != null && waiting.retryAt() > 0 && !watched(now)) {
            LOG.info(() -> "channel " + nickname + ": nobody watches any more; no more restarts");
            endSession(waiting, null);
        }
        return stopped;
    }

    /** Stops {@code handle} if it still is the channel's run and nobody asked for it within the idle timeout. */
    synchronized void stopIfIdle(TranscoderHandle handle, long now) {
        if (run == handle && now - handle.lastAccessMillis() >= registry.settings().idleTimeoutMillis()) {
            LOG.info(() -> "stopping idle channel " + nickname + " (no request for "
                    + (now - handle.lastAccessMillis()) + " ms)");
            stop(handle);
        }
    }

    /** The gateway stops: takes the run away from waiters and requests, for the registry to end with the others. */
    synchronized TranscoderHandle takeForShutdown() {
        TranscoderHandle handle = run;
        if (handle == null || !handle.markStopping()) {
            return null;
        }
        clearRun(handle);
        handle.fail(new StartFailedException(StartFailedException.Kind.SOURCE_FAILED, "the gateway is stopping"));
        return handle;
    }

    /** The gateway stopped: no more restarts, every directory of the session goes (on the caller's thread). */
    synchronized void dropSession() {
        LiveSession current = session;
        if (current != null) {
            session = null;
            stopWaiting();
            knockUrl = null;
            current.cancelRetry();
            current.retireAllBut(null).forEach(ProcessStopper::deleteTree);
        }
    }

    private void clearRun(TranscoderHandle handle) {
        if (run == handle) {
            run = null;
        }
    }

    /** Nobody watches: no more restarts, and every directory but {@code keepRun}'s (its stop deletes it) goes. */
    private void endSession(LiveSession ending, String keepRun) {
        if (session != ending) {
            return;
        }
        session = null;
        stopWaiting();
        knockUrl = null;
        ending.cancelRetry();
        registry.runs().delete(ending.retireAllBut(keepRun));
    }

    /** FFmpeg wrote a new playlist: into the window, and the first segment makes the handle ready. */
    private void playlistChanged(TranscoderHandle handle, LiveSession current) {
        if (handle.isStopping()) {
            return;
        }
        current.merge(handle, registry.now());
        handle.checkReady();
        registry.runs().delete(current.retire(handle.run(), registry.now()));
    }

    /**
     * A run failed (FFmpeg exited, stalled or never produced a segment). While people watch a
     * channel that has played, the source is restarted after a back-off delay; its directory stays
     * until its segments leave the window. Otherwise the session ends here.
     */
    void failed(TranscoderHandle handle, StartFailedException.Kind kind, String reason) {
        failure = reason;
        registry.listener().failed(nickname, kind);
        if (!handle.markStopping()) {
            return;
        }
        LiveSession current = session;
        boolean restart = current != null && current.hasPlayed() && watched(registry.now());
        if (restart) {
            waitToRestart(current, reason); // first, so that nobody sees the channel idle meanwhile
        } else {
            backoff.failed(reason, registry.now()); // first too: no request in between starts another
        }
        clearRun(handle); // before failing, so waiters see FAILED, never STARTING
        handle.fail(new StartFailedException(kind, reason));
        if (restart) {
            registry.runs().stop(handle, null);
            return;
        }
        if (current != null) {
            endSession(current, handle.run());
        }
        registry.runs().stop(handle, handle.directory());
    }

    // --- the restart wait ---

    String nickname() {
        return nickname;
    }

    TranscoderRegistry registry() {
        return registry;
    }

    private void waitToRestart(LiveSession waiting, String reason) {
        stopWaiting();
        String url = waiting.spec().url();
        if (!url.equals(knockUrl)) {
            knock = registry.knock(url);
            knockUrl = url;
        }
        restartWait = RestartWait.schedule(this, waiting, reason, knock);
    }

    private void stopWaiting() {
        if (restartWait != null) {
            restartWait.end();
            restartWait = null;
        }
    }

    /** One knock of the restart wait: the source's port accepts again, so the restart comes now. */
    synchronized void knock(RestartWait wait) {
        if (restartWait != wait) {
            wait.end();
        } else if (session != wait.waiting() || run != null) {
            stopWaiting();
        } else if (wait.sourceIsBack(nickname)) {
            wait.waiting().cancelRetry();
            retry(wait.waiting());
        }
    }

    synchronized void retry(LiveSession waiting) {
        waiting.retrying();
        if (session != waiting || run != null) {
            return;
        }
        stopWaiting();
        if (!watched(registry.now())) {
            LOG.info(() -> "channel " + nickname + ": nobody watches any more; no more restarts");
            endSession(waiting, null);
            return;
        }
        try {
            run = launch(waiting.spec(), false);
        } catch (StartFailedException e) {
            waitToRestart(waiting, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "restart of " + nickname + " failed", e);
            waitToRestart(waiting, "restart failed: " + e.getMessage());
        }
    }

    // --- runs (started and heard by ChannelRuns) ---

    TranscoderHandle launch(TranscodeSpec spec, boolean fmp4) {
        return runs.launch(spec, fmp4);
    }

    /** A run exists: it joins the channel's session, which begins with the channel's first run. */
    LiveSession join(TranscoderHandle handle) {
        LiveSession current = session;
        if (current == null) {
            current = new LiveSession(handle.spec(), registry.settings().playlistSize(), registry.settings().segmentSeconds());
            session = current;
        }
        current.use(handle.spec());
        current.runStarted(handle, registry.now());
        return current;
    }

    /** A run could not start ({@code reason}), or one worked (null): what the status and the back-off say. */
    void startResult(String reason) {
        failure = reason;
        if (reason == null) {
            backoff.reset();
        }
    }

    /** {@code old} is replaced by {@code next} (null: its replacement could not start). */
    void replaced(TranscoderHandle old, TranscoderHandle next) {
        if (next == null) {
            clearRun(old);
        } else if (run == old) {
            run = next;
        }
    }

    synchronized void playlistChanged(TranscoderHandle handle) {
        LiveSession current = session;
        if (current != null) {
            playlistChanged(handle, current);
        }
    }
}
