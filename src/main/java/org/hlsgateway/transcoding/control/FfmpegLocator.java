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
 * the build that {@code org.bytedeco:ffmpeg} ships, unpacked by the run command.
 */
public final class FfmpegLocator {

    /** A usable FFmpeg and the first line of its {@code -version}. */
    public record Ffmpeg(String path, String version, String source) {
    }

    public static final String HOW_TO_FIX = "install FFmpeg (Debian/Ubuntu: apt-get install ffmpeg), "
            + "or set FFMPEG_PATH to an ffmpeg executable, or start the gateway with the README's run command, "
            + "which fetches a bundled FFmpeg";

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
            tried.add("ffmpeg on PATH: not found");
        }
        if (bundled != null && !bundled.isBlank()) {
            return probe(bundled, "bundled org.bytedeco:ffmpeg");
        }
        tried.add("bundled FFmpeg: not unpacked (HLS_BUNDLED_FFMPEG unset)");
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
            if (p.exitValue() == 0 && first != null && first.startsWith("ffmpeg version")) {
                return Optional.of(new Ffmpeg(path, first, source));
            }
            tried.add(source + " " + path + ": exit " + p.exitValue() + " " + (first == null ? "" : first));
        } catch (IOException e) {
            tried.add(source + " " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
