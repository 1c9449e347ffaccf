package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A left-over FFmpeg is recognised by its output path (plain HLS) or by its working directory (LL-HLS, a pipe). */
class OrphanSweeperTest {

    @TempDir
    Path tmp;

    /** A process whose executable is named {@code ffmpeg} (a copy of sleep), run in {@code directory}. */
    private Process fakeFfmpeg(Path directory, String... args) throws Exception {
        Path ffmpeg = tmp.resolve("bin/ffmpeg");
        if (!Files.exists(ffmpeg)) {
            Files.createDirectories(ffmpeg.getParent());
            Files.copy(Path.of("/bin/sleep"), ffmpeg, StandardCopyOption.COPY_ATTRIBUTES);
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(ffmpeg.toString(), "30"));
        command.addAll(java.util.List.of(args));
        Files.createDirectories(directory);
        return new ProcessBuilder(command).directory(directory.toFile()).start();
    }

    @Test
    void anLlRunIsKnownByItsWorkingDirectoryAndKilled() throws Exception {
        Path work = tmp.resolve("work");
        Process ours = fakeFfmpeg(work.resolve("cam1-abc"));
        Process stranger = fakeFfmpeg(tmp.resolve("elsewhere"));
        try {
            String marker = work.toAbsolutePath().normalize() + "/";
            assertTrue(OrphanSweeper.isOurs(ours.toHandle(), marker));
            assertFalse(OrphanSweeper.isOurs(stranger.toHandle(), marker));

            assertEquals(1, OrphanSweeper.sweep(work));

            assertTrue(ours.waitFor(5, TimeUnit.SECONDS));
            assertTrue(stranger.isAlive(), "an FFmpeg that is not the gateway's is left alone");
        } finally {
            ours.destroyForcibly();
            stranger.destroyForcibly();
        }
    }
}
