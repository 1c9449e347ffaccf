package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A JPEG still of a channel taken from its newest segment on disk: no second connection to the
 * camera. Kept for a few seconds so that many consoles cost one FFmpeg run.
 */
public final class PreviewMaker {

    private static final long KEEP_MILLIS = 4_000;

    private final String ffmpeg;

    public PreviewMaker(String ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    public Optional<byte[]> preview(TranscoderHandle handle) throws IOException, InterruptedException {
        TranscoderHandle.Still cached = handle.still();
        long now = System.currentTimeMillis();
        if (cached != null && now - cached.takenAt() < KEEP_MILLIS) {
            return Optional.of(cached.jpeg());
        }
        Optional<Path> segment = newestSegment(handle);
        if (segment.isEmpty()) {
            return Optional.empty();
        }
        Process p = new ProcessBuilder(List.of(ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error",
                "-protocol_whitelist", "file", "-i", segment.get().toString(), "-frames:v", "1", "-vf", "scale=320:-2",
                "-f", "image2pipe", "-c:v", "mjpeg", "-")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] jpeg = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return Optional.empty();
        }
        if (p.exitValue() != 0 || jpeg.length == 0) {
            return Optional.empty();
        }
        handle.keepStill(new TranscoderHandle.Still(jpeg, now));
        return Optional.of(jpeg);
    }

    private static Optional<Path> newestSegment(TranscoderHandle handle) throws IOException {
        if (!Files.exists(handle.playlist())) {
            return Optional.empty();
        }
        List<String> segments = Files.readAllLines(handle.playlist()).stream()
                .filter(l -> !l.startsWith("#") && l.endsWith(".ts")).toList();
        return segments.isEmpty() ? Optional.empty()
                : Optional.of(handle.directory().resolve(segments.get(segments.size() - 1)));
    }
}
