package org.hlsgateway.transcoding.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hlsgateway.transcoding.entity.InputStreams;

/** Runs a probe command and reports the source's streams or FFmpeg's last error line. */
public final class Prober {

    /** What a probe found: streams when the source answered, else the reason it did not. */
    public record Result(boolean reachable, InputStreams streams, String error) {
    }

    private Prober() {
    }

    public static Result run(List<String> command, String url, long timeoutMillis) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        FfmpegOutput output = new FfmpegOutput(20);
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("[error] " + e.getMessage());
            }
        }, "ffmpeg-probe");
        reader.setDaemon(true);
        reader.start();
        boolean finished = p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
        if (!finished) {
            p.destroy();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        }
        reader.join(2_000);
        InputStreams streams = output.streams();
        boolean found = streams.videoCodec() != null || streams.audioCodec() != null;
        if (found) {
            return new Result(true, streams, null);
        }
        String error = finished ? output.lastError() : "no answer within " + timeoutMillis / 1000 + " s";
        return new Result(false, streams, SourceUrl.scrub(error == null ? "FFmpeg found no streams" : error, url));
    }
}
