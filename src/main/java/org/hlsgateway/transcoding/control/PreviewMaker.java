package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A JPEG still of a channel taken from its newest segment on disk: no second connection to the
 * camera. MPEG-TS and fMP4 segments alike (an fMP4 fragment is decoded after its init section).
 * Kept for a few seconds so that many consoles cost one FFmpeg run.
 */
public final class PreviewMaker {

    private static final long KEEP_MILLIS = 4_000;

    private final List<String> ffmpeg;

    /** @param ffmpeg how FFmpeg is invoked ({@link FfmpegCommand#invocation()}) */
    public PreviewMaker(List<String> ffmpeg) {
        this.ffmpeg = List.copyOf(ffmpeg);
    }

    public Optional<byte[]> preview(TranscoderHandle handle) throws IOException, InterruptedException {
        TranscoderHandle.Still cached = handle.still();
        long now = System.currentTimeMillis();
        if (cached != null && now - cached.takenAt() < KEEP_MILLIS) {
            return Optional.of(cached.jpeg());
        }
        Optional<List<Path>> parts = newestSegment(handle.playlist());
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return take(handle, now, in -> {
            for (Path part : parts.get()) {
                Files.copy(part, in);
            }
        });
    }

    /**
     * For a packaged channel (LL-HLS): a still of {@code pieces}, an init section and its newest independent part
     * ({@link ChannelPackager#stillSource()}), from memory.
     */
    public Optional<byte[]> preview(TranscoderHandle handle, List<byte[]> pieces) throws IOException, InterruptedException {
        TranscoderHandle.Still cached = handle.still();
        long now = System.currentTimeMillis();
        if (cached != null && now - cached.takenAt() < KEEP_MILLIS) {
            return Optional.of(cached.jpeg());
        }
        return take(handle, now, in -> {
            for (byte[] piece : pieces) {
                in.write(piece);
            }
        });
    }

    /** What FFmpeg decodes a still from, written to its stdin. */
    private interface Feed {
        void to(OutputStream in) throws IOException;
    }

    private Optional<byte[]> take(TranscoderHandle handle, long now, Feed media) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(ffmpeg);
        command.addAll(List.of("-nostdin", "-hide_banner", "-loglevel", "error",
                "-protocol_whitelist", "pipe", "-i", "pipe:0", "-frames:v", "1", "-vf", "scale=320:-2",
                "-f", "image2pipe", "-c:v", "mjpeg", "pipe:1"));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> feed(media, p));
        byte[] jpeg = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return Optional.empty();
        }
        feeding.exceptionally(e -> null);
        if (p.exitValue() != 0 || jpeg.length == 0) {
            return Optional.empty();
        }
        handle.keepStill(new TranscoderHandle.Still(jpeg, now));
        return Optional.of(jpeg);
    }

    /** Writes the segment (after its init section, if any) to FFmpeg; FFmpeg may stop reading after one frame. */
    private static void feed(Feed media, Process p) {
        try (OutputStream in = p.getOutputStream()) {
            media.to(in);
        } catch (IOException e) {
            // FFmpeg closed its input once it had its frame, or the segment was deleted: nothing to do
        }
    }

    /** The newest segment's files in decoding order: {@code [init.mp4,] segment}; empty when none is listed yet. */
    static Optional<List<Path>> newestSegment(Path playlist) {
        Optional<List<String>> read = RunOutput.lines(playlist);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = read.get();
        Path directory = playlist.getParent();
        String init = null;
        String newest = null;
        for (String line : lines) {
            if (line.startsWith("#EXT-X-MAP:")) {
                init = line.replaceAll(".*URI=\"([^\"]+)\".*", "$1");
            } else if (!line.isBlank() && !line.startsWith("#")) {
                newest = line.trim();
            }
        }
        if (newest == null) {
            return Optional.empty();
        }
        return Optional.of(init == null ? List.of(directory.resolve(newest))
                : List.of(directory.resolve(init), directory.resolve(newest)));
    }
}
