package org.hlsgateway.transcoding.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.channels.control.SourceUrl;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.transcoding.entity.TranscoderState;
import org.hlsgateway.transcoding.entity.TranscoderStatus;

/**
 * Every running FFmpeg, at most one per channel. Plain Java so that its concurrency can be
 * tested without a container; the {@code Transcoders} singleton owns the one instance.
 */
public final class TranscoderRegistry {

    private static final Logger LOG = Logger.getLogger(TranscoderRegistry.class.getName());

    /** Starts a process; the real one is {@link ProcessBuilder}, tests may count calls. */
    @FunctionalInterface
    public interface Launcher {
        Process launch(List<String> command, Path directory) throws IOException;
    }

    /** Where the registry finds the command for a spec; null executable means FFmpeg is missing. */
    public record Settings(Path workDir, long startTimeoutMillis, long idleTimeoutMillis) {
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
    private final Map<String, String> failures = new ConcurrentHashMap<>();
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
    }

    /** The running transcoder of {@code spec}'s channel, started now if there is none. Never two. */
    public TranscoderHandle ensureStarted(TranscodeSpec spec) {
        TranscoderHandle current = running.get(spec.nickname());
        if (current != null) {
            return current;
        }
        return running.computeIfAbsent(spec.nickname(), nickname -> launch(spec, usesFmp4(spec)));
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

    public TranscoderStatus status(String nickname) {
        Long accessed = lastAccess.get(nickname);
        Instant lastAccessAt = accessed == null ? null : Instant.ofEpochMilli(accessed);
        TranscoderHandle handle = running.get(nickname);
        if (handle == null) {
            return TranscoderStatus.idle(failures.get(nickname), lastAccessAt);
        }
        TranscoderState state = handle.isReady() ? TranscoderState.LIVE : TranscoderState.STARTING;
        String error = handle.stderr().hasError() ? SourceUrl.scrub(handle.stderr().lastError(), handle.spec().url())
                : failures.get(nickname);
        return new TranscoderStatus(state, error, handle.startedAt(), lastAccessAt,
                handle.viewers(clock.getAsLong(), settings.idleTimeoutMillis()), handle.process().pid(),
                handle.input().streams());
    }

    /** Stops the channel's transcoder, if any, in the background. */
    public CompletableFuture<Void> stop(String nickname) {
        TranscoderHandle handle = running.get(nickname);
        return handle == null ? CompletableFuture.completedFuture(null) : stop(handle);
    }

    /** Forgets a channel completely (it was deleted). */
    public CompletableFuture<Void> forget(String nickname) {
        CompletableFuture<Void> stopped = stop(nickname);
        failures.remove(nickname);
        lastAccess.remove(nickname);
        return stopped;
    }

    /** Stops every ready transcoder nobody asked for within the idle timeout; returns how many. */
    public int stopIdle() {
        long now = clock.getAsLong();
        int stopped = 0;
        for (TranscoderHandle handle : running.values()) {
            handle.checkReady();
            if (handle.isReady() && now - handle.lastAccessMillis() >= settings.idleTimeoutMillis()) {
                LOG.info(() -> "stopping idle channel " + handle.nickname() + " (no request for "
                        + (now - handle.lastAccessMillis()) / 1000 + " s)");
                stop(handle);
                stopped++;
            }
        }
        return stopped;
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
    }

    private CompletableFuture<Void> stop(TranscoderHandle handle) {
        if (!handle.markStopping()) {
            return handle.process().onExit().thenApply(p -> null);
        }
        running.remove(handle.nickname(), handle);
        handle.fail(new StartFailedException(StartFailedException.Kind.SOURCE_FAILED, "the transcoder was stopped"));
        return CompletableFuture.runAsync(() -> ProcessStopper.stop(handle.process(), handle.directory()), stoppers);
    }

    private boolean usesFmp4(TranscodeSpec spec) {
        return spec.video() == org.hlsgateway.channels.entity.VideoMode.COPY && hevcSources.containsKey(spec.nickname());
    }

    private TranscoderHandle launch(TranscodeSpec spec, boolean fmp4) {
        String run = Long.toString(clock.getAsLong(), 36) + Long.toString(runs.incrementAndGet(), 36);
        Path directory = settings.workDir().resolve(spec.nickname() + "-" + run);
        List<String> command = commands.command(spec, directory, run, fmp4);
        Process process;
        try {
            Files.createDirectories(directory);
            process = launcher.launch(command, directory);
        } catch (IOException | UncheckedIOException e) {
            ProcessStopper.deleteTree(directory);
            String reason = "FFmpeg could not be started: " + e.getMessage();
            failures.put(spec.nickname(), reason);
            listener.failed(spec.nickname(), StartFailedException.Kind.UNAVAILABLE);
            throw new StartFailedException(StartFailedException.Kind.UNAVAILABLE, reason);
        }
        starts.incrementAndGet();
        TranscoderHandle handle = new TranscoderHandle(spec, directory, process, clock.getAsLong(), fmp4);
        listener.started(spec.nickname());
        LOG.info(() -> "started FFmpeg pid " + process.pid() + " for channel " + spec.nickname()
                + " from " + SourceUrl.masked(spec.url()));
        Thread reader = threads.newThread(() -> follow(handle));
        reader.setName("ffmpeg-" + spec.nickname() + "-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            if (watcher != null) {
                watcher.watch(handle);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot watch " + directory + "; relying on the reaper's checks", e);
        }
        scheduler.schedule(() -> timeOut(handle), settings.startTimeoutMillis(), TimeUnit.MILLISECONDS);
        handle.ready().thenAccept(h -> {
            listener.firstSegment(h.nickname(), clock.getAsLong() - h.startedAt().toEpochMilli());
            failures.remove(h.nickname());
            h.touch(null, clock.getAsLong()); // the player gets a full idle window to fetch the playlist
        });
        return handle;
    }

    private boolean needsFmp4(TranscoderHandle handle) {
        return !handle.fmp4() && handle.spec().video() == org.hlsgateway.channels.entity.VideoMode.COPY
                && "hevc".equals(handle.input().streams().videoCodec());
    }

    /**
     * An HEVC source was found while writing MPEG-TS: start over with fMP4 segments at once, hand
     * the waiting players to the new transcoder, and remember it for the channel's next start.
     */
    private void restartAsFmp4(TranscoderHandle old) {
        hevcSources.put(old.nickname(), Boolean.TRUE);
        if (!old.markStopping()) {
            return;
        }
        LOG.info(() -> "channel " + old.nickname() + " sends HEVC: restarting with fMP4 segments");
        TranscoderHandle next;
        try {
            next = launch(old.spec(), true);
        } catch (StartFailedException e) {
            running.remove(old.nickname(), old);
            old.fail(e);
            CompletableFuture.runAsync(() -> ProcessStopper.stop(old.process(), old.directory()), stoppers);
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
        CompletableFuture.runAsync(() -> ProcessStopper.stop(old.process(), old.directory()), stoppers);
    }

    private void timeOut(TranscoderHandle handle) {
        if (handle.ready().isDone() || handle.checkReady()) {
            return;
        }
        String last = handle.stderr().lastError();
        String reason = "no segment within " + settings.startTimeoutMillis() / 1000 + " s"
                + (last == null ? "" : "; FFmpeg's last line: " + SourceUrl.scrub(last, handle.spec().url()));
        failures.put(handle.nickname(), reason);
        listener.failed(handle.nickname(), StartFailedException.Kind.TIMEOUT);
        handle.fail(new StartFailedException(StartFailedException.Kind.TIMEOUT, reason));
        LOG.warning(() -> "channel " + handle.nickname() + ": " + reason);
        stop(handle);
    }

    /** Reads FFmpeg's stderr until it exits, then settles the handle. Runs on its own thread. */
    private void follow(TranscoderHandle handle) {
        Process process = handle.process();
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean inputKnown = false;
            while ((line = err.readLine()) != null) {
                handle.stderr().add(line);
                if (!inputKnown) {
                    inputKnown = handle.input().add(line);
                    if (inputKnown && needsFmp4(handle)) {
                        restartAsFmp4(handle);
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "stderr of " + handle.nickname() + " closed", e);
        }
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        exited(handle, code);
    }

    private void exited(TranscoderHandle handle, int code) {
        if (handle.isStopping()) {
            return;
        }
        String last = handle.stderr().lastError();
        String reason = SourceUrl.scrub(last == null ? "FFmpeg exited with code " + code : last, handle.spec().url());
        failures.put(handle.nickname(), reason);
        listener.failed(handle.nickname(), StartFailedException.Kind.SOURCE_FAILED);
        LOG.warning(() -> "FFmpeg for channel " + handle.nickname() + " exited with code " + code + ": " + reason);
        if (handle.markStopping()) {
            running.remove(handle.nickname(), handle); // before failing, so waiters see FAILED, never STARTING
            handle.fail(new StartFailedException(StartFailedException.Kind.SOURCE_FAILED, reason));
            CompletableFuture.runAsync(() -> ProcessStopper.stop(handle.process(), handle.directory()), stoppers);
        }
    }
}
