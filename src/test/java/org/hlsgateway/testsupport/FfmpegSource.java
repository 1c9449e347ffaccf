package org.hlsgateway.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real local peer for the input kinds other than RTSP: FFmpeg sending a live test pattern
 * (H.264 with a 1 s GOP, AAC) as RTMP, SRT, HTTP MPEG-TS, UDP MPEG-TS or HLS files.
 */
public final class FfmpegSource implements AutoCloseable {

    private final Process process;

    private FfmpegSource(Process process) {
        this.process = process;
    }

    /** Starts FFmpeg with the test pattern as input and {@code output} as the rest of its arguments. */
    public static FfmpegSource start(Path log, String... output) throws IOException {
        return start(log, List.of("-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25"), output);
    }

    /** The same pattern as HEVC (H.265), as newer cameras send it. */
    public static FfmpegSource startHevc(Path log, String... output) throws IOException {
        return start(log, List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                "keyint=25:min-keyint=25:log-level=error"), output);
    }

    private static FfmpegSource start(Path log, List<String> videoCodec, String... output) throws IOException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
        command.addAll(videoCodec);
        command.addAll(List.of("-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k"));
        command.addAll(List.of(output));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new FfmpegSource(process);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
