package org.hlsgateway.transcoding.control;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.transcoding.entity.TranscoderStatus;

/**
 * One watched channel's whole life: its current FFmpeg run, its live session (the players' window),
 * its last access, failures and start back-off, idle stop, stall detection, restarts after a failure,
 * the HEVC switch to fMP4 and settings restarts. Every change of state happens under this object's
 * lock; the request hot path (touch, playlist, segment, status) only reads volatile fields.
 */
final class LiveChannel {


    private final String nickname;
    private final TranscoderRegistry registry;
    private final Backoff backoff = new Backoff();
    private volatile TranscoderHandle run;
    private volatile LiveSession session;
    private volatile String failure;
    private volatile long lastAccess = -1;
    private final ChannelRuns runs = new ChannelRuns(this);
    private final SourceRecovery recovery = new SourceRecovery(this);

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
        if (run == null) {
            long now = registry.now();
            LiveSession waiting = session;
            StartFailedException refusal = waiting != null ? waiting.restartRefusal(now) : null;
            if (refusal == null) {
                refusal = backoff.refusal(now); // the last start failed: its reason, not another FFmpeg, until the delay
            }
            if (refusal != null) {
                throw refusal;
            }
            run = launch(spec, false);
        }
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

    boolean watched(long now) {
        long accessed = lastAccess;
        return accessed >= 0 && now - accessed < registry.settings().idleTimeoutMillis();
    }

    /** The players' playlist: one media sequence across FFmpeg restarts; empty before the first segment. */
    Optional<String> playlist() {
        LiveSession current = session;
        return current == null ? Optional.empty() : current.playlist(run, registry);
    }

    TranscoderStatus status() {
        return ChannelStatus.of(run, session, failure, lastAccess, registry);
    }

    /** Stops the current run, if any, in the background. */
    synchronized CompletableFuture<Void> stop() {
        TranscoderHandle handle = run;
        return handle == null ? CompletableFuture.completedFuture(null) : stop(handle);
    }

    /** Stops {@code handle}, the channel's run, in the background (under this lock). */
    CompletableFuture<Void> stop(TranscoderHandle handle) {
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
        RunReplacement.settingsChanged(this, spec);
    }

    ChannelRuns channelRuns() {
        return runs;
    }

    /** The reaper's check (see {@link IdleCheck}); true when it stopped the run as idle. */
    synchronized boolean reap(long now) {
        return IdleCheck.reap(this, now);
    }

    /** Stops {@code handle} if it still is the channel's run and nobody asked for it within the idle timeout. */
    synchronized void stopIfIdle(TranscoderHandle handle, long now) {
        IdleCheck.stopIfIdle(this, handle, now);
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
            recovery.end();
            current.close(null).forEach(ProcessLauncher::deleteTree);
        }
    }

    void clearRun(TranscoderHandle handle) {
        if (run == handle) {
            run = null;
        }
    }

    /** Nobody watches: no more restarts, and every directory but {@code keepRun}'s (its stop deletes it) goes. */
    void endSession(LiveSession ending, String keepRun) {
        if (session != ending) {
            return;
        }
        session = null;
        recovery.end();
        registry.runs().delete(ending.close(keepRun));
    }

    /** A run failed (FFmpeg exited, stalled or never produced a segment): see {@link SourceRecovery#failed}. */
    void failed(TranscoderHandle handle, StartFailedException.Kind kind, String reason) {
        failure = reason;
        registry.listener().failed(nickname, kind);
        recovery.failed(handle, kind, reason);
    }

    /** A failed start: the next one waits for the back-off delay (under this lock). */
    void backOff(String reason) {
        backoff.failed(reason, registry.now());
    }

    String nickname() {
        return nickname;
    }

    TranscoderRegistry registry() {
        return registry;
    }

    /** True while {@code waiting} is the session and no run replaced the failed one: a restart is due. */
    boolean waitsToRestart(LiveSession waiting) {
        return session == waiting && run == null;
    }

    /** The restart of a watched channel after an outage (by its recovery, under this lock). */
    void restartRun(TranscodeSpec spec) {
        run = launch(spec, false);
    }

    // --- runs (started and heard by ChannelRuns) ---

    TranscoderHandle launch(TranscodeSpec spec, boolean fmp4) {
        return runs.launch(spec, fmp4);
    }

    /** A run exists: it joins the channel's session, which begins with the channel's first run. */
    LiveSession join(TranscoderHandle handle) {
        LiveSession current = session;
        if (current == null) {
            TranscoderRegistry.Settings settings = registry.settings();
            ChannelPackager packager = !settings.packaged(handle.spec()) ? null : new ChannelPackager(settings.segmentSeconds(),
                    settings.playlistSize(), ChannelPackager.numberingAt(registry.now(), settings.segmentSeconds()),
                    java.time.Clock.systemUTC());
            current = new LiveSession(handle.spec(), settings.playlistSize(), settings.segmentSeconds(), packager);
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

    /** FFmpeg wrote a new playlist: into the window, and the first segment makes the handle ready. */
    synchronized void playlistChanged(TranscoderHandle handle) {
        LiveSession current = session;
        if (current != null) {
            current.absorb(handle, registry);
        }
    }
}
