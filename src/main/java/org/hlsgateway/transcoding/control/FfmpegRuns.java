package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * Starts and stops single FFmpeg runs under the transcoder limit: a slot, a directory, the process,
 * the thread that follows its output, the file watch and the start timeout. What a run's events
 * mean for its channel is the {@link LiveChannel}'s business.
 */
final class FfmpegRuns {

    private static final Logger LOG = Logger.getLogger(TranscoderRegistry.class.getName());

    /** What happens to one run; called on the run's own threads. */
    interface Events {
        /** The run exists; called before any other event. */
        void started(TranscoderHandle handle);

        void streamsKnown(TranscoderHandle handle);

        void playlistChanged(TranscoderHandle handle);

        /** A packaged run's stdout (LL-HLS): read to its end on the calling thread, the run's own. */
        void media(TranscoderHandle handle, java.io.InputStream stdout);

        void exited(TranscoderHandle handle, int code);

        void startTimeout(TranscoderHandle handle);
    }

    private final TranscoderRegistry.Settings settings;
    private final TranscoderRegistry.CommandFactory commands;
    private final TranscoderRegistry.Launcher launcher;
    private final ThreadFactory threads;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService stoppers;
    private final RunOutput watcher;
    private final LongSupplier clock;
    private final Supplier<TranscoderRegistry.Listener> listener;
    private final Semaphore slots;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong starts = new AtomicLong();

    FfmpegRuns(TranscoderRegistry.Settings settings, TranscoderRegistry.CommandFactory commands,
               TranscoderRegistry.Launcher launcher, ThreadFactory threads, ScheduledExecutorService scheduler,
               ExecutorService stoppers, RunOutput watcher, LongSupplier clock,
               Supplier<TranscoderRegistry.Listener> listener) {
        this.settings = settings;
        this.commands = commands;
        this.launcher = launcher;
        this.threads = threads;
        this.scheduler = scheduler;
        this.stoppers = stoppers;
        this.watcher = watcher;
        this.clock = clock;
        this.listener = listener;
        this.slots = new Semaphore(settings.maxTranscoders());
    }

    long startCount() {
        return starts.get();
    }

    /** True when a file watch merges FFmpeg's playlists as they are written (channels that FFmpeg packages). */
    boolean watchesFiles() {
        return watcher != null;
    }

    /** Starts one FFmpeg for {@code spec}; throws (and holds no slot) when it cannot. */
    TranscoderHandle start(TranscodeSpec spec, boolean fmp4, Events events) {
        if (!slots.tryAcquire()) {
            String reason = "the gateway already runs its maximum of " + settings.maxTranscoders()
                    + " transcoders (HLS_MAX_TRANSCODERS); try again when a channel stops";
            listener.get().failed(spec.nickname(), StartFailedException.Kind.BUSY);
            throw new StartFailedException(StartFailedException.Kind.BUSY, reason, 5);
        }
        boolean packaged = settings.packaged(spec);
        String run = Long.toString(clock.getAsLong(), 36) + Long.toString(runs.incrementAndGet(), 36);
        Path directory = settings.workDir().resolve(spec.nickname() + "-" + run);
        List<String> command;
        try {
            command = commands.command(spec, directory, run, fmp4);
        } catch (StartFailedException e) { // e.g. the source's host name does not resolve
            slots.release();
            listener.get().failed(spec.nickname(), e.kind());
            throw e;
        }
        Process process;
        try {
            Files.createDirectories(directory);
            process = launcher.launch(command, directory, packaged);
        } catch (IOException | UncheckedIOException e) {
            slots.release();
            ProcessLauncher.deleteTree(directory);
            listener.get().failed(spec.nickname(), StartFailedException.Kind.UNAVAILABLE);
            throw new StartFailedException(StartFailedException.Kind.UNAVAILABLE,
                    "FFmpeg could not be started: " + e.getMessage());
        }
        starts.incrementAndGet();
        TranscoderHandle handle = new TranscoderHandle(spec, directory, process, clock.getAsLong(), fmp4,
                packaged);
        process.onExit().whenComplete((p, e) -> releaseSlot(handle));
        events.started(handle);
        listener.get().started(spec.nickname());
        LOG.info(() -> "started FFmpeg pid " + process.pid() + " for channel " + spec.nickname()
                + " from " + SourceUrl.masked(spec.url()));
        Thread reader = threads.newThread(() -> handle.output().follow(process, spec.nickname(), () -> events.streamsKnown(handle),
                code -> events.exited(handle, code)));
        reader.setName("ffmpeg-" + spec.nickname() + "-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        if (packaged) {
            Thread media = threads.newThread(() -> events.media(handle, process.getInputStream()));
            media.setName("fmp4-" + spec.nickname() + "-" + process.pid());
            media.setDaemon(true);
            media.start();
        }
        try {
            if (watcher != null && !packaged) {
                watcher.watch(handle, () -> events.playlistChanged(handle));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot watch " + directory + "; relying on the reaper's checks", e);
        }
        scheduler.schedule(() -> events.startTimeout(handle), settings.startTimeoutMillis(), TimeUnit.MILLISECONDS);
        return handle;
    }

    /** Stops the handle's process in the background; {@code directory} (null: none) is deleted once it is gone. */
    CompletableFuture<Void> stop(TranscoderHandle handle, Path directory) {
        return CompletableFuture.runAsync(() -> {
            ProcessLauncher.stop(handle.process(), directory);
            releaseSlot(handle); // now, not whenever the JDK notices the exit: a caller may start another at once
        }, stoppers);
    }

    /**
     * Ends the runs at once (undeploy, shutdown): SIGTERM to all, up to 3 s for all together, then SIGKILL
     * to the rest; their directories go. Runs on the caller's thread.
     */
    static void endAll(List<TranscoderHandle> handles) {
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
            ProcessLauncher.deleteTree(handle.directory());
        }
    }

    /** Deletes directories in the background. */
    void delete(List<Path> directories) {
        if (!directories.isEmpty()) {
            CompletableFuture.runAsync(() -> directories.forEach(ProcessLauncher::deleteTree), stoppers);
        }
    }

    private void releaseSlot(TranscoderHandle handle) {
        if (handle.releaseSlot()) {
            slots.release();
        }
    }
}
