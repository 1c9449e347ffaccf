package org.hlsgateway.transcoding.control;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hlsgateway.transcoding.entity.InputStreams;

/**
 * Reads the input's streams from FFmpeg's own log (the {@code Input #0} section it prints before
 * {@code Output #0}): codecs, resolution, frame rate, sample rate and bitrate, with no second
 * connection to the source.
 */
public final class InputStreamParser {

    private static final Pattern VIDEO = Pattern.compile("Stream #0:\\d+.*?: Video: ([a-z0-9_]+)");
    private static final Pattern SIZE = Pattern.compile(", (\\d{2,5})x(\\d{2,5})[ ,\\[]");
    private static final Pattern FPS = Pattern.compile(", ([0-9.]+) fps");
    private static final Pattern AUDIO = Pattern.compile("Stream #0:\\d+.*?: Audio: ([a-z0-9_]+)");
    private static final Pattern RATE = Pattern.compile(", (\\d{4,6}) Hz");
    private static final Pattern BITRATE = Pattern.compile("Duration: .*bitrate: (\\d+) kb/s");

    private InputStreams streams = InputStreams.UNKNOWN;
    private boolean done;

    /** Feeds one stderr line; returns true once the input section is over. */
    public synchronized boolean add(String line) {
        if (done || line == null) {
            return done;
        }
        if (line.contains("Output #0") || line.contains("Stream mapping:")) {
            done = true;
            return true;
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
        return false;
    }

    public synchronized InputStreams streams() {
        return streams;
    }
}
