package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Starts FFmpeg so that it cannot outlive the gateway: through util-linux's {@code setpriv
 * --pdeathsig SIGKILL}, the kernel kills it the moment the JVM dies, even by SIGKILL. The parent
 * death signal belongs to the thread that forked, so every start happens on one long-lived
 * thread of this launcher. Where {@code setpriv} is missing (or the JVM dies in the milliseconds
 * between the fork and setpriv arming the signal), {@link OrphanSweeper} cleans up on the next start.
 * Stops one FFmpeg the polite way (SIGTERM, so it closes the upstream session), then the hard way.
 */
public final class ProcessLauncher implements TranscoderRegistry.Launcher, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProcessLauncher.class.getName());
    static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final long GRACE_MILLIS = 3_000;

    private final ExecutorService thread;
    private final boolean deathSignal;

    public ProcessLauncher(ThreadFactory threads) {
        this(threads, Files.isExecutable(SETPRIV));
    }

    ProcessLauncher(ThreadFactory threads, boolean deathSignal) {
        this.deathSignal = deathSignal;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = threads.newThread(task);
            t.setName("ffmpeg-launcher");
            t.setDaemon(true);
            return t;
        });
        if (!deathSignal) {
            LOG.warning(() -> SETPRIV + " not found: FFmpeg would outlive a killed JVM until the next start sweeps it");
        }
    }

    /** The command as it is run: behind {@code setpriv --pdeathsig KILL} when available. */
    List<String> wrap(List<String> command) {
        if (!deathSignal) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    @Override
    public Process launch(List<String> command, Path directory) throws IOException {
        return launch(command, directory, false);
    }

    @Override
    public Process launch(List<String> command, Path directory, boolean pipe) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(wrap(command)).directory(directory.toFile())
                .redirectOutput(pipe ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
        try {
            return thread.submit(builder::start).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting FFmpeg", e);
        }
    }

    /** Ends the launcher thread: call only after every FFmpeg has been stopped (its exit kills them). */
    @Override
    public void close() {
        thread.shutdown();
    }

    /** SIGTERM, wait up to 3 s, SIGKILL; always reaps the process and deletes its directory. */
    public static void stop(Process process, Path directory) {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    LOG.warning(() -> "FFmpeg pid " + process.pid() + " ignored SIGTERM for 3 s; killing it");
                    process.destroyForcibly();
                    process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(directory);
        }
    }

    public static void deleteTree(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "could not delete " + directory, e);
        }
    }
}
