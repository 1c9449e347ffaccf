package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps a statically linked glibc FFmpeg (the bundled build) alive. Such a build still loads the
 * system's NSS modules for a name lookup and its iconv modules for MPEG-TS service names (ISO 6937);
 * both pull in the system's {@code libc.so.6}, made for another glibc, and FFmpeg dies with SIGSEGV.
 * Run as {@code env LD_LIBRARY_PATH=<dir> ffmpeg ...}, where {@code dir} holds a {@code libc.so.6}
 * that is no library, those loads fail cleanly instead: the gateway resolves names for it
 * ({@link SourceUrl#pin}) and service names stay in their own character set. The static binary itself
 * never reads {@code LD_LIBRARY_PATH}; {@code env} and {@code setpriv} start before it is set.
 */
public final class StaticBuildGuard {

    static final String NOT_A_LIBRARY = "Not a library: with LD_LIBRARY_PATH here, a statically linked FFmpeg cannot load "
            + "the system's C library into itself (which crashes it) when it looks up a name or a character set.\n";

    private StaticBuildGuard() {
    }

    /** Writes the guard into {@code dir} and returns the words that go before FFmpeg's path. */
    public static List<String> prefix(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path decoy = dir.resolve("libc.so.6");
        if (!Files.exists(decoy)) {
            Files.writeString(decoy, NOT_A_LIBRARY);
        }
        Path env = Path.of("/usr/bin/env");
        return List.of(Files.isExecutable(env) ? env.toString() : "env", "LD_LIBRARY_PATH=" + dir.toAbsolutePath());
    }
}
