package org.hlsgateway.transcoding.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.transcoding.entity.InputStreams;

/** What one FFmpeg says on stderr: its last lines, the input streams it found, and why it ended. */
final class FfmpegOutput {

    private static final Logger LOG = Logger.getLogger(FfmpegOutput.class.getName());

    private FfmpegOutput() {
    }

    /**
     * Reads the handle's stderr until FFmpeg exits (on the calling thread): keeps the tail, calls
     * {@code onInput} once the input streams are known, then {@code onExit} with the exit code.
     */
    static void follow(TranscoderHandle handle, Runnable onInput, IntConsumer onExit) {
        Process process = handle.process();
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean inputKnown = false;
            while ((line = err.readLine()) != null) {
                handle.stderr().add(line);
                if (!inputKnown) {
                    inputKnown = handle.input().add(line);
                    if (inputKnown) {
                        onInput.run();
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "stderr of " + handle.nickname() + " closed", e);
        }
        try {
            onExit.accept(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why FFmpeg ended, fit to show a person: its last error line, credentials masked. */
    static String exitReason(TranscoderHandle handle, int code, long nowMillis) {
        String last = handle.stderr().lastError();
        String reason = SourceUrl.scrub(last == null ? "FFmpeg exited with code " + code : last, handle.spec().url());
        InputStreams streams = handle.input().streams();
        long seconds = (nowMillis - handle.startedAt().toEpochMilli()) / 1000;
        if (streams.videoCodec() == null && streams.audioCodec() == null && !handle.isReady() && seconds >= 2) {
            // connected, then silence until FFmpeg's own timeout: its last line alone ("Invalid data") misleads
            return "the source sent no usable stream (FFmpeg gave up after " + seconds + " s); FFmpeg's last line: " + reason;
        }
        return reason;
    }
}
