package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search order FFMPEG_PATH, then PATH, then the bundled build; broken candidates are skipped. */
class FfmpegLocatorTest {

    @TempDir
    Path tmp;

    @Test
    void ffmpegPathComesFirst() throws IOException {
        Path configured = fakeFfmpeg(tmp.resolve("configured"), "ffmpeg version 7.1-configured");
        Path onPath = fakeFfmpeg(tmp.resolve("onpath"), "ffmpeg version 5.1-path");

        Optional<FfmpegLocator.Ffmpeg> found = new FfmpegLocator().locate(configured.toString(), onPath.getParent().toString(), null);

        assertEquals(configured.toString(), found.orElseThrow().path());
        assertEquals("FFMPEG_PATH", found.get().source());
        assertEquals("ffmpeg version 7.1-configured", found.get().version());
    }

    @Test
    void aBrokenFfmpegPathFallsBackToPath() throws IOException {
        Path onPath = fakeFfmpeg(tmp.resolve("onpath"), "ffmpeg version 5.1-path");
        FfmpegLocator locator = new FfmpegLocator();

        Optional<FfmpegLocator.Ffmpeg> found = locator.locate(tmp.resolve("missing/ffmpeg").toString(),
                tmp.resolve("empty") + ":" + onPath.getParent(), null);

        assertEquals(onPath.toString(), found.orElseThrow().path());
        assertEquals("PATH", found.get().source());
        assertTrue(locator.tried().get(0).contains("FFMPEG_PATH"), locator.tried().toString());
    }

    @Test
    void theBundledBuildIsTheLastResort() throws IOException {
        Path notFfmpeg = tmp.resolve("other");
        Files.createDirectories(notFfmpeg);
        Path impostor = fakeFfmpeg(notFfmpeg, "something else 1.0"); // named ffmpeg, but is not one
        Path bundled = fakeFfmpeg(tmp.resolve("bundled"), "ffmpeg version 7.1.1");

        Optional<FfmpegLocator.Ffmpeg> found = new FfmpegLocator().locate(null, impostor.getParent().toString(), bundled.toString());

        assertEquals(bundled.toString(), found.orElseThrow().path());
        assertEquals("bundled org.bytedeco:ffmpeg", found.get().source());
    }

    @Test
    void noneUsableSaysWhatWasTried() {
        FfmpegLocator locator = new FfmpegLocator();

        Optional<FfmpegLocator.Ffmpeg> found = locator.locate("/nonexistent/ffmpeg", tmp.toString(), null);

        assertTrue(found.isEmpty());
        assertEquals(3, locator.tried().size(), locator.tried().toString());
        assertTrue(FfmpegLocator.HOW_TO_FIX.contains("FFMPEG_PATH"));
    }

    private static Path fakeFfmpeg(Path dir, String firstLine) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("ffmpeg");
        Files.writeString(script, "#!/bin/sh\necho '" + firstLine + "'\necho 'built with gcc'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
