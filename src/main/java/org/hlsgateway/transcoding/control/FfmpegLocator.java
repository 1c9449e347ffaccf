package org.hlsgateway.transcoding.control;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a working FFmpeg in this order: {@code FFMPEG_PATH}; {@code ffmpeg} on {@code PATH};
 * the statically linked build that the Maven build unpacks into {@code target/ffmpeg}
 * ({@code HLS_BUNDLED_FFMPEG}). Each candidate is run before it is trusted: {@code -version} must
 * exit 0 and name a release no older than {@link FfmpegVersion#MINIMUM}; a second run tells
 * whether it can resolve host names itself.
 */
public final class FfmpegLocator {

    /**
     * A usable FFmpeg: its path, the first line of its {@code -version}, where it was found, its
     * release, and whether it resolves host names itself (a statically linked glibc build such as
     * the bundled one crashes in its name lookup on any other glibc, so the gateway resolves them).
     */
    public record Ffmpeg(String path, String version, String source, FfmpegVersion release, boolean resolvesHostNames) {
    }

    public static final String HOW_TO_FIX = "install FFmpeg " + FfmpegVersion.MINIMUM + " or newer "
            + "(Debian/Ubuntu: apt-get install ffmpeg), or set FFMPEG_PATH to such an ffmpeg executable, "
            + "or start the gateway with the README's run command, which uses the FFmpeg the build fetched";

    public static final String BUNDLED = "bundled (HLS_BUNDLED_FFMPEG)";

    private final List<String> tried = new ArrayList<>();

    /** Returns the first usable FFmpeg, or empty; {@link #tried()} then says what was tried. */
    public Optional<Ffmpeg> locate(String ffmpegPath, String pathVariable, String bundled) {
        if (ffmpegPath != null && !ffmpegPath.isBlank()) {
            Optional<Ffmpeg> found = probe(ffmpegPath, "FFMPEG_PATH");
            if (found.isPresent()) {
                return found;
            }
        }
        if (pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (dir.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(dir, "ffmpeg");
                if (Files.isExecutable(candidate)) {
                    Optional<Ffmpeg> found = probe(candidate.toString(), "PATH");
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            tried.add("ffmpeg on PATH: none found that works");
        }
        if (bundled != null && !bundled.isBlank()) {
            return probe(bundled, BUNDLED);
        }
        tried.add("bundled FFmpeg: HLS_BUNDLED_FFMPEG unset (the run command sets it to target/ffmpeg/ffmpeg)");
        return Optional.empty();
    }

    /** {@code libx264} when this FFmpeg has it, else {@code libopenh264}, else null. */
    public static String h264Encoder(String ffmpeg) {
        try {
            Process p = new ProcessBuilder(ffmpeg, "-hide_banner", "-encoders").redirectErrorStream(true).start();
            String encoders = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            if (encoders.contains(" libx264 ")) {
                return "libx264";
            }
            return encoders.contains(" libopenh264 ") ? "libopenh264" : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public List<String> tried() {
        return List.copyOf(tried);
    }

    private Optional<Ffmpeg> probe(String path, String source) {
        try {
            Process p = new ProcessBuilder(path, "-hide_banner", "-version").redirectErrorStream(true).start();
            String first;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                first = out.readLine();
                while (out.readLine() != null) {
                    // drain
                }
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                tried.add(source + " " + path + ": -version hung");
                return Optional.empty();
            }
            Optional<FfmpegVersion> release = FfmpegVersion.parse(first);
            if (p.exitValue() != 0 || release.isEmpty()) {
                tried.add(source + " " + path + ": -version exited " + p.exitValue() + (first == null ? "" : ": " + first));
                return Optional.empty();
            }
            if (!release.get().isSupported()) {
                tried.add(source + " " + path + ": FFmpeg " + release.get() + " is older than " + FfmpegVersion.MINIMUM
                        + ", the oldest this gateway supports (" + first + ")");
                return Optional.empty();
            }
            return Optional.of(new Ffmpeg(path, first, source, release.get(), resolvesHostNames(path)));
        } catch (IOException e) {
            tried.add(source + " " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /**
     * Whether FFmpeg survives a name lookup: it connects to {@code localhost}'s discard port,
     * which normally answers "connection refused" at once. A static glibc build dies there with
     * SIGSEGV (it loads the system's NSS modules, made for another glibc).
     */
    static boolean resolvesHostNames(String path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(path, "-nostdin", "-hide_banner", "-loglevel", "quiet",
                "-i", "tcp://localhost:9?timeout=1000000").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return true;
        }
        return p.exitValue() < 128;
    }
}
