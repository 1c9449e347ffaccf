package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Runs once when the gateway starts: kills FFmpeg processes that a previous gateway left running
 * (recognised by their output path inside our work directory, never anyone else's FFmpeg), then
 * removes every stale segment directory.
 */
public final class OrphanSweeper {

    private static final Logger LOG = Logger.getLogger(OrphanSweeper.class.getName());

    private OrphanSweeper() {
    }

    /** @return how many orphaned processes were killed */
    public static int sweep(Path workDir) {
        String marker = workDir.toAbsolutePath().normalize() + "/";
        List<ProcessHandle> orphans = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> isOurs(p, marker))
                .toList();
        for (ProcessHandle orphan : orphans) {
            LOG.warning(() -> "killing FFmpeg pid " + orphan.pid() + " left over from a previous run of the gateway");
            orphan.destroyForcibly();
        }
        for (ProcessHandle orphan : orphans) {
            try {
                orphan.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warning(() -> "FFmpeg pid " + orphan.pid() + " did not exit: " + e);
            }
        }
        removeStaleDirectories(workDir);
        return orphans.size();
    }

    /**
     * An FFmpeg that writes HLS files into the work directory, or that runs in one of its run directories: an LL-HLS
     * run writes fMP4 to a pipe, and only its working directory names the gateway's.
     */
    static boolean isOurs(ProcessHandle process, String workDirMarker) {
        ProcessHandle.Info info = process.info();
        boolean ffmpeg = info.command().map(c -> c.endsWith("ffmpeg")).orElse(false);
        return ffmpeg && (info.arguments().map(args -> Stream.of(args).anyMatch(a -> a.startsWith(workDirMarker)))
                .orElse(false) || workingDirectory(process.pid()).startsWith(workDirMarker));
    }

    /** The process's working directory and a slash (Linux's {@code /proc}); empty where it cannot be read. */
    static String workingDirectory(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")) + "/";
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    private static void removeStaleDirectories(Path workDir) {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (Stream<Path> children = Files.list(workDir)) {
            List<Path> stale = children.filter(Files::isDirectory).toList();
            stale.forEach(ProcessLauncher::deleteTree);
            if (!stale.isEmpty()) {
                LOG.info(() -> "removed " + stale.size() + " stale segment directories from " + workDir);
            }
        } catch (IOException e) {
            LOG.warning(() -> "could not list " + workDir + ": " + e);
        }
    }
}
