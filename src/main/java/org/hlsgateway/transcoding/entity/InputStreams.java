package org.hlsgateway.transcoding.entity;

/** What FFmpeg found in a source: its first video and audio stream, as FFmpeg describes them. */
public record InputStreams(String videoCodec, Integer width, Integer height, Double fps, String audioCodec,
                           Integer sampleRate, Integer bitrateKbps) {

    public static final InputStreams UNKNOWN = new InputStreams(null, null, null, null, null, null, null);

    /** The same streams with a bitrate measured elsewhere, when FFmpeg reported none. */
    public InputStreams withMeasuredBitrate(Integer kbps) {
        return bitrateKbps != null || kbps == null ? this
                : new InputStreams(videoCodec, width, height, fps, audioCodec, sampleRate, kbps);
    }

    /** E.g. {@code h264 640x360 25 fps, pcm_alaw 8000 Hz}. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        if (videoCodec != null) {
            text.append(videoCodec);
            if (width != null) {
                text.append(' ').append(width).append('x').append(height);
            }
            if (fps != null) {
                text.append(' ').append(fps % 1 == 0 ? String.valueOf(fps.intValue()) : String.valueOf(fps)).append(" fps");
            }
        }
        if (audioCodec != null) {
            text.append(text.isEmpty() ? "" : ", ").append(audioCodec);
            if (sampleRate != null) {
                text.append(' ').append(sampleRate).append(" Hz");
            }
        }
        if (bitrateKbps != null) {
            text.append(text.isEmpty() ? "" : ", ").append(bitrateKbps).append(" kb/s");
        }
        return text.toString();
    }
}
