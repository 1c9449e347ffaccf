package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Stops one FFmpeg the polite way (SIGTERM, so it closes the upstream session), then the hard way. */
public final class ProcessStopper {

    private static final Logger LOG = Logger.getLogger(ProcessStopper.class.getName());
    private static final long GRACE_MILLIS = 3_000;

    private ProcessStopper() {
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
