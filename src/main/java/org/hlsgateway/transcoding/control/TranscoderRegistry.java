package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.transcoding.entity.TranscoderState;
import org.hlsgateway.transcoding.entity.TranscoderStatus;

/**
 * Every running FFmpeg, at most one per channel. Plain Java so that its concurrency can be
 * tested without a container; the {@code Transcoders} singleton owns the one instance.
 */
public final class TranscoderRegistry {

    private static final Logger LOG = Logger.getLogger(TranscoderRegistry.class.getName());
    /** How often the idle reaper calls {@link #stopIdle()} (its {@code @Schedule}: every second). */
    static final long REAPER_PERIOD_MILLIS = 1_000;

    /** Starts a process; the real one is {@link ProcessBuilder}, tests may count calls. */
    @FunctionalInterface
    public interface Launcher {
        Process launch(List<String> command, Path directory) throws IOException;
    }

    /**
     * @param maxTranscoders how many FFmpeg processes may run at once; more starts fail as {@code BUSY}
     */
    public record Settings(Path workDir, long startTimeoutMillis, long idleTimeoutMillis, int segmentSeconds,
                           int playlistSize, int maxTranscoders) {
    }

    private final Settings settings;
    private final CommandFactory commands;
    private final Launcher launcher;
    private final ThreadFactory threads;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService stoppers;
    private final PlaylistWatcher watcher;
    private final LongSupplier clock;
    private final Map<String, TranscoderHandle> running = new ConcurrentHashMap<>();
    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final StartBackoff backoff = new StartBackoff();
    private final Map<String, Long> lastAccess = new ConcurrentHashMap<>();
    /** Channels whose source turned out to send HEVC: they start with fMP4 segments from then on. */
    private final Map<String, Boolean> hevcSources = new ConcurrentHashMap<>();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong starts = new AtomicLong();

    /** Hears what happens to transcoders (for metrics); must be fast and must not throw. */
    public interface Listener {
        Listener NONE = new Listener() { };

        default void started(String nickname) {
        }

        default void firstSegment(String nickname, long millis) {
        }

        default void failed(String nickname, StartFailedException.Kind kind) {
        }
    }

    private volatile Listener listener = Listener.NONE;

    public void setListener(Listener listener) {
        this.listener = listener == null ? Listener.NONE : listener;
    }

    public int runningCount() {
        return running.size();
    }

    /** Builds FFmpeg's arguments for a spec and an output directory. */
    @FunctionalInterface
    public interface CommandFactory {
        List<String> command(TranscodeSpec spec, Path directory, String run, boolean fmp4);
    }

    public TranscoderRegistry(Settings settings, CommandFactory commands, Launcher launcher, ThreadFactory threads,
                              ScheduledExecutorService scheduler, ExecutorService stoppers,
                              PlaylistWatcher watcher, LongSupplier clock) {
        this.settings = settings;
        this.commands = commands;
        this.launcher = launcher;
        this.threads = threads;
        this.scheduler = scheduler;
        this.stoppers = stoppers;
        this.watcher = watcher;
        this.clock = clock;
        this.slots = new Semaphore(settings.maxTranscoders());
    }

    /** The running transcoder of {@code spec}'s channel, started now if there is none. Never two. */
    public TranscoderHandle ensureStarted(TranscodeSpec spec) {
        TranscoderHandle current = running.get(spec.nickname());
        if (current != null) {
            return current;
        }
        LiveSession session = sessions.get(spec.nickname());
        long now = clock.getAsLong();
        if (session != null && session.retryAt() > now) {
            long seconds = Math.max(1, (session.retryAt() - now + 999) / 1000);
            throw new StartFailedException(StartFailedException.Kind.RETRYING, session.failure()
                    + "; the gateway restarts the source in " + seconds + " s", seconds);
        }
        StartFailedException waiting = backoff.refusal(spec.nickname(), now);
        if (waiting != null) { // the last start failed: its reason, not another FFmpeg, until the delay is over
            throw waiting;
        }
        return running.computeIfAbsent(spec.nickname(), nickname -> launch(spec, usesFmp4(spec)));
    }

    /** As {@link #ensureStarted}, but at once even while a failed start waits out its delay (an admin's Start). */
    public TranscoderHandle startNow(TranscodeSpec spec) {
        backoff.reset(spec.nickname());
        return ensureStarted(spec);
    }

    /** The source answered (a probe): the next start of the channel tries at once, not after its back-off delay. */
    public void sourceAnswered(String nickname) {
        backoff.reset(nickname);
    }

    /**
     * The playlist players get: the channel's window, with one continuous media sequence across
     * FFmpeg restarts. Empty before the first segment and after the channel went idle.
     */
    public Optional<String> playlist(String nickname) {
        LiveSession session = sessions.get(nickname);
        if (session == null) {
            return Optional.empty();
        }
        TranscoderHandle handle = running.get(nickname);
        // the file watcher merges FFmpeg's playlist whenever FFmpeg writes it, so a request reads it
        // only where no watcher runs, or before the first segment (a waiting player may be answered
        // before the watcher's merge)
        if (handle != null && !handle.isStopping() && (watcher == null || !session.hasPlayed())) {
            session.merge(handle, clock.getAsLong());
        }
        return session.playlist();
    }

    /** The file of a segment the channel's window lists, whichever run wrote it. */
    public Optional<Path> segment(String nickname, String name) {
        LiveSession session = sessions.get(nickname);
        return session == null ? Optional.empty() : session.file(name);
    }

    /** The channel's live session (window, restarts), if people watch it. */
    public Optional<LiveSession> session(String nickname) {
        return Optional.ofNullable(sessions.get(nickname));
    }

    public Optional<TranscoderHandle> running(String nickname) {
        return Optional.ofNullable(running.get(nickname));
    }

    /** How many FFmpeg processes this registry has started since it was created. */
    public long startCount() {
        return starts.get();
    }

    /** Records activity on a channel: memory writes only. */
    public void touch(String nickname, String client) {
        long now = clock.getAsLong();
        lastAccess.put(nickname, now);
        TranscoderHandle handle = running.get(nickname);
        if (handle != null) {
            handle.touch(client, now);
        }
    }

    /** The channels this registry holds any state for (running, restarting or failed); every other one is IDLE. */
    public java.util.Set<String> tracked() {
        java.util.Set<String> tracked = new java.util.HashSet<>(running.keySet());
        tracked.addAll(sessions.keySet());
        tracked.addAll(failures.keySet());
        return tracked;
    }

    public TranscoderStatus status(String nickname) {
        Long accessed = lastAccess.get(nickname);
        Instant lastAccessAt = accessed == null ? null : Instant.ofEpochMilli(accessed);
        TranscoderHandle handle = running.get(nickname);
        if (handle == null) {
            LiveSession session = sessions.get(nickname);
            if (session != null && session.retryAt() > 0) {
                long seconds = Math.max(0, (session.retryAt() - clock.getAsLong() + 999) / 1000);
                return TranscoderStatus.idle(session.failure() + " (restarting in " + seconds + " s)", lastAccessAt);
            }
            return TranscoderStatus.idle(failures.get(nickname), lastAccessAt);
        }
        TranscoderState state = handle.isReady() ? TranscoderState.LIVE : TranscoderState.STARTING;
        String error = handle.stderr().hasError() ? SourceUrl.scrub(handle.stderr().lastError(), handle.spec().url())
                : failures.get(nickname);
        return new TranscoderStatus(state, error, handle.startedAt(), lastAccessAt,
                handle.viewers(clock.getAsLong(), settings.idleTimeoutMillis()), handle.process().pid(),
                streams(handle));
    }

    private static org.hlsgateway.transcoding.entity.InputStreams streams(TranscoderHandle handle) {
        var streams = handle.input().streams();
        return streams.bitrateKbps() != null || !handle.isReady() ? streams
                : streams.withMeasuredBitrate(MeasuredBitrate.of(handle.playlist()).orElse(null));
    }

    /** Stops the channel's transcoder, if any, in the background. */
    public CompletableFuture<Void> stop(String nickname) {
        TranscoderHandle handle = running.get(nickname);
        return handle == null ? CompletableFuture.completedFuture(null) : stop(handle);
    }

    /** Forgets a channel completely (it was deleted). */
    public CompletableFuture<Void> forget(String nickname) {
        CompletableFuture<Void> stopped = stop(nickname);
        LiveSession waiting = sessions.get(nickname); // a source waiting to be restarted: no more attempts
        if (waiting != null && !running.containsKey(nickname)) {
            endSession(nickname, waiting, null);
        }
        failures.remove(nickname);
        backoff.reset(nickname);
        lastAccess.remove(nickname);
        hevcSources.remove(nickname);
        return stopped;
    }

    /**
     * The channel's settings changed. Watched now: its FFmpeg restarts at once with {@code spec},
     * players keep their playlist (a discontinuity marks the change). Not watched: it is forgotten.
     */
    public void restart(TranscodeSpec spec) {
        String nickname = spec.nickname();
        TranscoderHandle old = running.get(nickname);
        LiveSession session = sessions.get(nickname);
        Long accessed = lastAccess.get(nickname);
        boolean watched = accessed != null && clock.getAsLong() - accessed < settings.idleTimeoutMillis();
        if (old == null || session == null || !watched) {
            forget(nickname).join();
            return;
        }
        hevcSources.remove(nickname);
        session.use(spec);
        replace(old, spec, false);
    }

    /**
     * Stops every ready transcoder nobody asked for within the idle timeout; returns how many.
     * One that falls due before the next call is stopped by a one-off check at the exact moment.
     */
    public int stopIdle() {
        long now = clock.getAsLong();
        int stopped = 0;
        for (TranscoderHandle handle : running.values()) {
            LiveSession session = sessions.get(handle.nickname());
            if (session != null) {
                playlistChanged(handle, session);
            }
            handle.checkReady();
            long dueIn = settings.idleTimeoutMillis() - (now - handle.lastAccessMillis());
            if (handle.isReady() && dueIn <= 0) {
                stopIdle(handle, now);
                stopped++;
            } else if (handle.isReady() && dueIn < REAPER_PERIOD_MILLIS && handle.markIdleCheck(now + dueIn)) {
                // due before the next tick: stop it on time instead of up to a period late
                scheduler.schedule(() -> {
                    long at = clock.getAsLong();
                    if (running.get(handle.nickname()) == handle
                            && at - handle.lastAccessMillis() >= settings.idleTimeoutMillis()) {
                        stopIdle(handle, at);
                    }
                }, dueIn, TimeUnit.MILLISECONDS);
            } else if (handle.isReady() && session != null && now - session.lastSegmentAt() > session.stallMillis()) {
                String reason = "no new segment for " + (now - session.lastSegmentAt()) / 1000 + " s: the source stalled";
                failed(handle, StartFailedException.Kind.STALLED, reason);
            }
        }
        sessions.forEach((nickname, session) -> {
            if (!running.containsKey(nickname) && session.retryAt() > 0 && !watched(nickname, now)) {
                LOG.info(() -> "channel " + nickname + ": nobody watches any more; no more restarts");
                endSession(nickname, session, null);
            }
        });
        return stopped;
    }

    private void stopIdle(TranscoderHandle handle, long now) {
        LOG.info(() -> "stopping idle channel " + handle.nickname() + " (no request for "
                + (now - handle.lastAccessMillis()) + " ms)");
        stop(handle);
    }

    /**
     * Stops every transcoder and waits for all of them (undeploy, shutdown): SIGTERM to all at
     * once, up to 3 s for all together, then SIGKILL to the rest. Runs on the caller's thread.
     */
    public void stopAll() {
        List<TranscoderHandle> handles = new ArrayList<>();
        for (TranscoderHandle handle : running.values()) {
            if (handle.markStopping()) {
                running.remove(handle.nickname(), handle);
                handle.fail(new StartFailedException(StartFailedException.Kind.SOURCE_FAILED, "the gateway is stopping"));
                handles.add(handle);
            }
        }
        handles.forEach(h -> h.process().destroy());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (TranscoderHandle handle : handles) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!handle.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    handle.process().destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                handle.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
            ProcessStopper.deleteTree(handle.directory());
        }
        sessions.forEach((nickname, session) -> {
            session.cancelRetry();
            session.retireAllBut(null).forEach(ProcessStopper::deleteTree);
        });
        sessions.clear();
    }

    private CompletableFuture<Void> stop(TranscoderHandle handle) {
        if (!handle.markStopping()) {
            return handle.process().onExit().thenApply(p -> null);
        }
        running.remove(handle.nickname(), handle);
        handle.fail(new StartFailedException(StartFailedException.Kind.SOURCE_FAILED, "the transcoder was stopped"));
        LiveSession session = sessions.get(handle.nickname());
        if (session != null) {
            endSession(handle.nickname(), session, handle.run());
        }
        return stopProcess(handle, handle.directory());
    }

    /** Stops the handle's process in the background; {@code directory} (null: none) is deleted once it is gone. */
    private CompletableFuture<Void> stopProcess(TranscoderHandle handle, Path directory) {
        return CompletableFuture.runAsync(() -> {
            ProcessStopper.stop(handle.process(), directory);
            releaseSlot(handle); // now, not whenever the JDK notices the exit: a caller may start another at once
        }, stoppers);
    }

    private void releaseSlot(TranscoderHandle handle) {
        if (handle.releaseSlot()) {
            slots.release();
        }
    }

    /** Nobody watches: no more restarts, and every directory but {@code keepRun}'s (its stop deletes it) goes. */
    private void endSession(String nickname, LiveSession session, String keepRun) {
        if (!sessions.remove(nickname, session)) {
            return;
        }
        session.cancelRetry();
        List<Path> retired = session.retireAllBut(keepRun);
        if (!retired.isEmpty()) {
            CompletableFuture.runAsync(() -> retired.forEach(ProcessStopper::deleteTree), stoppers);
        }
    }

    private boolean watched(String nickname, long now) {
        Long accessed = lastAccess.get(nickname);
        return accessed != null && now - accessed < settings.idleTimeoutMillis();
    }

    /** FFmpeg wrote a new playlist: into the window, and the first segment makes the handle ready. */
    private void playlistChanged(TranscoderHandle handle, LiveSession session) {
        if (handle.isStopping()) {
            return;
        }
        session.merge(handle, clock.getAsLong());
        handle.checkReady();
        List<Path> retired = session.retire(handle.run(), clock.getAsLong());
        if (!retired.isEmpty()) {
            CompletableFuture.runAsync(() -> retired.forEach(ProcessStopper::deleteTree), stoppers);
        }
    }

    /**
     * A run failed (FFmpeg exited, stalled or never produced a segment). While people watch a
     * channel that has played, the source is restarted after a back-off delay; its directory stays
     * until its segments leave the window. Otherwise the session ends here.
     */
    private void failed(TranscoderHandle handle, StartFailedException.Kind kind, String reason) {
        String nickname = handle.nickname();
        failures.put(nickname, reason);
        listener.failed(nickname, kind);
        if (!handle.markStopping()) {
            return;
        }
        LiveSession session = sessions.get(nickname);
        boolean restart = session != null && session.hasPlayed() && watched(nickname, clock.getAsLong());
        if (restart) {
            scheduleRetry(nickname, session, reason); // first, so that nobody sees the channel idle meanwhile
        } else {
            backoff.failed(nickname, reason, clock.getAsLong()); // first too: no request in between starts another
        }
        running.remove(nickname, handle); // before failing, so waiters see FAILED, never STARTING
        handle.fail(new StartFailedException(kind, reason));
        if (restart) {
            stopProcess(handle, null);
            return;
        }
        if (session != null) {
            endSession(nickname, session, handle.run());
        }
        stopProcess(handle, handle.directory());
    }

    private void scheduleRetry(String nickname, LiveSession session, String reason) {
        long delay = session.nextRetryDelay();
        long at = clock.getAsLong() + delay;
        LOG.warning(() -> "channel " + nickname + ": " + reason + "; restarting in " + delay / 1000.0 + " s");
        session.waitForRetry(at, reason, scheduler.schedule(() -> retry(nickname, session), delay, TimeUnit.MILLISECONDS));
    }

    private void retry(String nickname, LiveSession session) {
        session.retrying();
        if (sessions.get(nickname) != session || running.containsKey(nickname)) {
            return;
        }
        if (!watched(nickname, clock.getAsLong())) {
            LOG.info(() -> "channel " + nickname + ": nobody watches any more; no more restarts");
            endSession(nickname, session, null);
            return;
        }
        try {
            running.computeIfAbsent(nickname, n -> launch(session.spec(), usesFmp4(session.spec())));
        } catch (StartFailedException e) {
            scheduleRetry(nickname, session, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "restart of " + nickname + " failed", e);
            scheduleRetry(nickname, session, "restart failed: " + e.getMessage());
        }
    }

    private boolean usesFmp4(TranscodeSpec spec) {
        return spec.video() == org.hlsgateway.transcoding.entity.VideoMode.COPY && hevcSources.containsKey(spec.nickname());
    }

    private TranscoderHandle launch(TranscodeSpec spec, boolean fmp4) {
        if (!slots.tryAcquire()) {
            String reason = "the gateway already runs its maximum of " + settings.maxTranscoders()
                    + " transcoders (HLS_MAX_TRANSCODERS); try again when a channel stops";
            listener.failed(spec.nickname(), StartFailedException.Kind.BUSY);
            throw new StartFailedException(StartFailedException.Kind.BUSY, reason, 5);
        }
        String run = Long.toString(clock.getAsLong(), 36) + Long.toString(runs.incrementAndGet(), 36);
        Path directory = settings.workDir().resolve(spec.nickname() + "-" + run);
        List<String> command;
        try {
            command = commands.command(spec, directory, run, fmp4);
        } catch (StartFailedException e) { // e.g. the source's host name does not resolve
            slots.release();
            failures.put(spec.nickname(), e.getMessage());
            listener.failed(spec.nickname(), e.kind());
            throw e;
        }
        Process process;
        try {
            Files.createDirectories(directory);
            process = launcher.launch(command, directory);
        } catch (IOException | UncheckedIOException e) {
            slots.release();
            ProcessStopper.deleteTree(directory);
            String reason = "FFmpeg could not be started: " + e.getMessage();
            failures.put(spec.nickname(), reason);
            listener.failed(spec.nickname(), StartFailedException.Kind.UNAVAILABLE);
            throw new StartFailedException(StartFailedException.Kind.UNAVAILABLE, reason);
        }
        starts.incrementAndGet();
        TranscoderHandle handle = new TranscoderHandle(spec, directory, process, clock.getAsLong(), fmp4);
        process.onExit().whenComplete((p, e) -> releaseSlot(handle));
        LiveSession session = sessions.computeIfAbsent(spec.nickname(),
                n -> new LiveSession(spec, settings.playlistSize(), settings.segmentSeconds()));
        session.use(spec);
        session.runStarted(handle, clock.getAsLong());
        listener.started(spec.nickname());
        LOG.info(() -> "started FFmpeg pid " + process.pid() + " for channel " + spec.nickname()
                + " from " + SourceUrl.masked(spec.url()));
        Thread reader = threads.newThread(() -> FfmpegOutput.follow(handle, () -> {
            if (needsFmp4(handle)) {
                restartAsFmp4(handle);
            }
        }, code -> exited(handle, code)));
        reader.setName("ffmpeg-" + spec.nickname() + "-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            if (watcher != null) {
                watcher.watch(handle, () -> playlistChanged(handle, session));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot watch " + directory + "; relying on the reaper's checks", e);
        }
        scheduler.schedule(() -> timeOut(handle), settings.startTimeoutMillis(), TimeUnit.MILLISECONDS);
        handle.ready().thenAccept(h -> {
            listener.firstSegment(h.nickname(), clock.getAsLong() - h.startedAt().toEpochMilli());
            session.merge(h, clock.getAsLong());
            session.worked();
            failures.remove(h.nickname());
            backoff.reset(h.nickname());
            h.touch(null, clock.getAsLong()); // the player gets a full idle window to fetch the playlist
        });
        return handle;
    }

    private boolean needsFmp4(TranscoderHandle handle) {
        return !handle.fmp4() && handle.spec().video() == org.hlsgateway.transcoding.entity.VideoMode.COPY
                && "hevc".equals(handle.input().streams().videoCodec());
    }

    /** An HEVC source was found while writing MPEG-TS: start over with fMP4 segments at once. */
    private void restartAsFmp4(TranscoderHandle old) {
        hevcSources.put(old.nickname(), Boolean.TRUE);
        LOG.info(() -> "channel " + old.nickname() + " sends HEVC: restarting with fMP4 segments");
        replace(old, old.spec(), true);
    }

    /**
     * Starts a new FFmpeg for {@code old}'s channel at once, hands the players waiting on {@code old}
     * to it, and stops {@code old}. The channel's window goes on across the change.
     */
    private void replace(TranscoderHandle old, TranscodeSpec spec, boolean fmp4) {
        if (!old.markStopping()) {
            return;
        }
        if (bindsALocalPort(spec)) {
            // a UDP/RTP input owns its port: the new run can bind it only once the old one is gone
            // (a static FFmpeg starts fast enough to lose that race every time)
            stopProcess(old, null).whenComplete((stopped, error) -> startReplacement(old, spec, fmp4));
            return;
        }
        startReplacement(old, spec, fmp4);
        // the old run's segments stay (in the window) until newer ones push them out
        stopProcess(old, null);
    }

    private static boolean bindsALocalPort(TranscodeSpec spec) {
        String scheme = SourceUrl.scheme(spec.url());
        return "udp".equals(scheme) || "rtp".equals(scheme);
    }

    private void startReplacement(TranscoderHandle old, TranscodeSpec spec, boolean fmp4) {
        TranscoderHandle next;
        try {
            next = launch(spec, fmp4 || usesFmp4(spec));
        } catch (StartFailedException e) {
            running.remove(old.nickname(), old);
            old.fail(e);
            stopProcess(old, old.directory());
            return;
        }
        next.touch(null, old.lastAccessMillis());
        running.replace(old.nickname(), old, next);
        next.ready().whenComplete((ready, error) -> {
            if (error == null) {
                old.handOver(ready);
            } else {
                old.fail(error instanceof StartFailedException s ? s
                        : new StartFailedException(StartFailedException.Kind.SOURCE_FAILED, error.getMessage()));
            }
        });
    }

    private void timeOut(TranscoderHandle handle) {
        if (handle.ready().isDone() || handle.isStopping() || handle.checkReady()) {
            return;
        }
        String last = handle.stderr().lastError();
        String reason = "no segment within " + settings.startTimeoutMillis() / 1000 + " s"
                + (last == null ? "" : "; FFmpeg's last line: " + SourceUrl.scrub(last, handle.spec().url()));
        LOG.warning(() -> "channel " + handle.nickname() + ": " + reason);
        failed(handle, StartFailedException.Kind.TIMEOUT, reason);
    }

    private void exited(TranscoderHandle handle, int code) {
        if (handle.isStopping()) {
            return;
        }
        String reason = FfmpegOutput.exitReason(handle, code, clock.getAsLong());
        LOG.warning(() -> "FFmpeg for channel " + handle.nickname() + " exited with code " + code + ": " + reason);
        failed(handle, StartFailedException.Kind.SOURCE_FAILED, reason);
    }
}
