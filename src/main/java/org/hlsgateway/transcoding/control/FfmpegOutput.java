package org.hlsgateway.transcoding.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hlsgateway.transcoding.entity.InputStreams;

/**
 * What one FFmpeg says on stderr: its last lines in a small bounded buffer with the last line it logged at error
 * level, the input streams it found (the {@code Input #0} section it prints before {@code Output #0}: codecs,
 * resolution, frame rate, sample rate, bitrate, with no second connection to the source), and why it ended.
 * FFmpeg runs with {@code -loglevel level+info}, so every line carries its level as {@code [error]} or
 * {@code [fatal]}; the tags are removed from what is shown.
 */
public final class FfmpegOutput {

    private static final Logger LOG = Logger.getLogger(FfmpegOutput.class.getName());
    private static final Pattern LEVEL_TAG = Pattern.compile("\\[(trace|debug|verbose|info|warning|error|fatal|panic)\\] ");
    private static final Pattern CONTEXT_TAG = Pattern.compile("^\\[[A-Za-z0-9_#:.,/\\-]+ @ (0x)?[0-9a-f]+\\] ");
    private static final int MAX_LINE = 500;
    private static final Pattern VIDEO = Pattern.compile("Stream #0:\\d+.*?: Video: ([a-z0-9_]+)");
    private static final Pattern SIZE = Pattern.compile(", (\\d{2,5})x(\\d{2,5})[ ,\\[]");
    private static final Pattern FPS = Pattern.compile(", ([0-9.]+) fps");
    private static final Pattern AUDIO = Pattern.compile("Stream #0:\\d+.*?: Audio: ([a-z0-9_]+)");
    private static final Pattern RATE = Pattern.compile(", (\\d{4,6}) Hz");
    private static final Pattern BITRATE = Pattern.compile("Duration: .*bitrate: (\\d+) kb/s");

    private final int capacity;
    private final ArrayDeque<String> lines;
    private String lastError;
    private InputStreams streams = InputStreams.UNKNOWN;
    private boolean inputKnown;

    /** Keeps the last {@code capacity} lines. */
    public FfmpegOutput(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    /** Feeds one stderr line; returns true once the input section is over (its streams are known). */
    public synchronized boolean add(String raw) {
        if (raw == null) {
            return inputKnown;
        }
        if (!raw.isBlank()) {
            String line = raw.length() > MAX_LINE ? raw.substring(0, MAX_LINE) + "…" : raw;
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
            if (line.contains("[error] ") || line.contains("[fatal] ") || line.contains("[panic] ")) {
                lastError = clean(line);
            }
        }
        if (!inputKnown) {
            readInput(raw);
        }
        return inputKnown;
    }

    private void readInput(String line) {
        if (line.contains("Output #0") || line.contains("Stream mapping:")) {
            inputKnown = true;
            return;
        }
        InputStreams s = streams;
        Matcher bitrate = BITRATE.matcher(line);
        if (bitrate.find()) {
            s = new InputStreams(s.videoCodec(), s.width(), s.height(), s.fps(), s.audioCodec(), s.sampleRate(),
                    Integer.parseInt(bitrate.group(1)));
        }
        Matcher video = VIDEO.matcher(line);
        if (video.find() && s.videoCodec() == null) {
            Matcher size = SIZE.matcher(line + " ");
            Matcher fps = FPS.matcher(line);
            s = new InputStreams(video.group(1), size.find() ? Integer.valueOf(size.group(1)) : null,
                    size.find(0) ? Integer.valueOf(size.group(2)) : null, fps.find() ? Double.valueOf(fps.group(1)) : null,
                    s.audioCodec(), s.sampleRate(), s.bitrateKbps());
        }
        Matcher audio = AUDIO.matcher(line);
        if (audio.find() && s.audioCodec() == null) {
            Matcher rate = RATE.matcher(line);
            s = new InputStreams(s.videoCodec(), s.width(), s.height(), s.fps(), audio.group(1),
                    rate.find() ? Integer.valueOf(rate.group(1)) : null, s.bitrateKbps());
        }
        streams = s;
    }

    /** The source's streams as FFmpeg reported them when it opened the input. */
    public synchronized InputStreams streams() {
        return streams;
    }

    /** The last error line, or the last line of all when FFmpeg logged no error. */
    public synchronized String lastError() {
        if (lastError != null) {
            return lastError;
        }
        return lines.isEmpty() ? null : clean(lines.getLast());
    }

    public synchronized boolean hasError() {
        return lastError != null;
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines as shown to people: without FFmpeg's level and context tags. */
    public synchronized List<String> cleanLines() {
        return lines.stream().map(FfmpegOutput::clean).toList();
    }

    static String clean(String line) {
        String withoutLevel = LEVEL_TAG.matcher(line).replaceAll("");
        return CONTEXT_TAG.matcher(withoutLevel).replaceFirst("").strip();
    }

    /**
     * Reads {@code process}'s stderr into this output until FFmpeg exits (on the calling thread); calls
     * {@code onInput} once the input streams are known, then {@code onExit} with the exit code.
     */
    void follow(Process process, String nickname, Runnable onInput, IntConsumer onExit) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean known = false;
            while ((line = err.readLine()) != null) {
                if (add(line) && !known) {
                    known = true;
                    onInput.run();
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "stderr of " + nickname + " closed", e);
        }
        try {
            onExit.accept(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why {@code handle}'s FFmpeg ended, fit to show a person: its last error line, credentials masked. */
    static String exitReason(TranscoderHandle handle, int code, long nowMillis) {
        FfmpegOutput output = handle.output();
        String last = output.lastError();
        String reason = SourceUrl.scrub(last == null ? "FFmpeg exited with code " + code : last, handle.spec().url());
        InputStreams found = output.streams();
        long seconds = (nowMillis - handle.startedAt().toEpochMilli()) / 1000;
        if (found.videoCodec() == null && found.audioCodec() == null && !handle.isReady() && seconds >= 2) {
            // connected, then silence until FFmpeg's own timeout: its last line alone ("Invalid data") misleads
            return "the source sent no usable stream (FFmpeg gave up after " + seconds + " s); FFmpeg's last line: " + reason;
        }
        return reason;
    }
}
