package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search order FFMPEG_PATH, then PATH, then the bundled build; broken and too old candidates are skipped. */
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
        assertEquals(FfmpegLocator.BUNDLED, found.get().source());
    }

    @Test
    void noneUsableSaysWhatWasTried() {
        FfmpegLocator locator = new FfmpegLocator();

        Optional<FfmpegLocator.Ffmpeg> found = locator.locate("/nonexistent/ffmpeg", tmp.toString(), null);

        assertTrue(found.isEmpty());
        assertEquals(3, locator.tried().size(), locator.tried().toString());
        assertTrue(FfmpegLocator.HOW_TO_FIX.contains("FFMPEG_PATH"));
    }

    @Test
    void anOlderReleaseIsRefusedNamingItsVersionAndTheMinimum() throws IOException {
        Path old = fakeFfmpeg(tmp.resolve("old"), "ffmpeg version 4.3.6-0+deb11u1 Copyright (c) 2000-2023");
        Path bundled = fakeFfmpeg(tmp.resolve("bundled"), "ffmpeg version 4.4.1-static https://johnvansickle.com/ffmpeg/");
        FfmpegLocator locator = new FfmpegLocator();

        Optional<FfmpegLocator.Ffmpeg> found = locator.locate(null, old.getParent().toString(), bundled.toString());

        assertEquals(bundled.toString(), found.orElseThrow().path());
        assertEquals(new FfmpegVersion(4, 4, 1, false), found.get().release());
        String refusal = locator.tried().get(0);
        assertTrue(refusal.contains(old.toString()) && refusal.contains("4.3.6") && refusal.contains("older than 4.4"), refusal);
    }

    @Test
    void onlyAnOldFfmpegLeavesNoneAndSaysWhy() throws IOException {
        Path old = fakeFfmpeg(tmp.resolve("old"), "ffmpeg version 3.4.11-0ubuntu0.1");
        FfmpegLocator locator = new FfmpegLocator();

        assertTrue(locator.locate(old.toString(), null, null).isEmpty());
        assertTrue(locator.tried().get(0).contains("FFmpeg 3.4.11 is older than 4.4"), locator.tried().toString());
    }

    @Test
    void aDevelopmentBuildIsAccepted() throws IOException {
        Path git = fakeFfmpeg(tmp.resolve("git"), "ffmpeg version N-112345-g0123abcd Copyright (c) 2000-2024");

        FfmpegLocator.Ffmpeg found = new FfmpegLocator().locate(git.toString(), null, null).orElseThrow();

        assertTrue(found.release().development());
        assertTrue(found.resolvesHostNames());
    }

    @Test
    void aFailingVersionRunIsNotTrusted() throws IOException {
        Path broken = fakeFfmpeg(tmp.resolve("broken"), "ffmpeg version 6.1", "exit 1");
        FfmpegLocator locator = new FfmpegLocator();

        assertTrue(locator.locate(broken.toString(), null, null).isEmpty());
        assertTrue(locator.tried().get(0).contains("exited 1"), locator.tried().toString());
    }

    @Test
    void anFfmpegThatCrashesInANameLookupIsMarkedSoTheGatewayResolvesNames() throws IOException {
        // what a statically linked glibc build does on any other glibc: SIGSEGV in getaddrinfo
        Path staticBuild = fakeFfmpeg(tmp.resolve("static"), "ffmpeg version 4.4.1-static",
                "case \"$*\" in *tcp://localhost*) kill -SEGV $$ ;; esac");

        FfmpegLocator.Ffmpeg found = new FfmpegLocator().locate(staticBuild.toString(), null, null).orElseThrow();

        assertFalse(found.resolvesHostNames());
    }

    private static Path fakeFfmpeg(Path dir, String firstLine) throws IOException {
        return fakeFfmpeg(dir, firstLine, "");
    }

    /** A script named ffmpeg: runs {@code before}, then prints {@code firstLine} as -version would. */
    private static Path fakeFfmpeg(Path dir, String firstLine, String before) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("ffmpeg");
        Files.writeString(script, "#!/bin/sh\n" + before + "\necho '" + firstLine + "'\necho 'built with gcc'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
