package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: a stand-in "ffmpeg" (a copy of tail) writing into our work directory, and one that is not ours. */
class OrphanSweeperTest {

    @TempDir
    Path tmp;

    private Process ours;
    private Process theirs;

    @AfterEach
    void cleanUp() {
        for (Process p : new Process[] {ours, theirs}) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    /** A process whose executable is named ffmpeg and that runs until killed, following {@code file}. */
    private Process fakeFfmpeg(Path file) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path ffmpeg = bin.resolve("ffmpeg");
        if (!Files.exists(ffmpeg)) {
            Files.copy(Path.of("/usr/bin/tail"), ffmpeg, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#EXTM3U\n");
        return new ProcessBuilder(List.of(ffmpeg.toString(), "-f", file.toString())).start();
    }

    @Test
    void killsFfmpegWritingIntoTheWorkDirectoryAndRemovesStaleDirectories() throws Exception {
        Path work = tmp.resolve("work");
        ours = fakeFfmpeg(work.resolve("cam1-abc").resolve("index.m3u8"));
        theirs = fakeFfmpeg(tmp.resolve("elsewhere").resolve("cam1-abc").resolve("index.m3u8"));
        Thread.sleep(200); // let both exec

        int killed = OrphanSweeper.sweep(work);

        assertEquals(1, killed);
        assertTrue(ours.waitFor(5, TimeUnit.SECONDS), "the orphan is gone");
        assertTrue(theirs.isAlive(), "an FFmpeg writing elsewhere is not ours to kill");
        assertFalse(Files.exists(work.resolve("cam1-abc")), "stale directories are removed");
        assertTrue(Files.isDirectory(work), "the work directory itself stays");
    }

    @Test
    void aMissingWorkDirectoryIsNothingToSweep() {
        assertEquals(0, OrphanSweeper.sweep(tmp.resolve("none")));
    }
}
