package org.hlsgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.hlsgateway.transcoding.entity.AudioMode;
import org.hlsgateway.transcoding.entity.RtspTransport;
import org.hlsgateway.transcoding.entity.VideoMode;
import org.hlsgateway.transcoding.control.FfmpegCommand;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * FFmpeg alone with the gateway's exact argument list ({@link FfmpegCommand#build}, default
 * settings: 1 s segments, 6 in the playlist, 5 s source timeout): the reference for the gateway.
 */
final class BareFfmpeg implements AutoCloseable {

    final Process process;
    final Path dir;
    final long startedNanos;

    private BareFfmpeg(Process process, Path dir, long startedNanos) {
        this.process = process;
        this.dir = dir;
        this.startedNanos = startedNanos;
    }

    static List<String> command(String url, Path dir, String run) {
        TranscodeSpec spec = new TranscodeSpec("bench-bare", url, RtspTransport.TCP, AudioMode.AAC, VideoMode.COPY, true);
        return new FfmpegCommand("ffmpeg", 1, 6, 5).build(spec, dir, run);
    }

    static BareFfmpeg start(String url, Path dir, String run) throws IOException {
        Proc.deleteTree(dir);
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(command(url, dir, run)).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("ffmpeg.log").toFile());
        long t0 = System.nanoTime();
        return new BareFfmpeg(builder.start(), dir, t0);
    }

    /** Polls (every 2 ms) until the playlist lists a segment; returns nanoTime then. */
    long awaitFirstSegment(long timeoutMillis) throws IOException {
        Path playlist = dir.resolve(FfmpegCommand.PLAYLIST);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            try {
                if (Files.readString(playlist).contains("#EXTINF")) {
                    return System.nanoTime();
                }
            } catch (NoSuchFileException e) {
                // not yet written
            }
            if (!process.isAlive()) {
                List<String> log = Files.readAllLines(dir.resolve("ffmpeg.log"));
                throw new IllegalStateException("bare FFmpeg exited (" + process.exitValue() + "): "
                        + String.join(" | ", log.subList(Math.max(0, log.size() - 3), log.size())));
            }
            Proc.sleep(2);
        }
        throw new IllegalStateException("bare FFmpeg wrote no segment within " + timeoutMillis + " ms");
    }

    @Override
    public void close() {
        Proc.stop(process, 3000);
        Proc.deleteTree(dir);
    }
}
