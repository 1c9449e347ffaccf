package org.hlsgateway.packaging.entity;

/**
 * How a channel's LL-HLS playlist is written: the segment length aimed at ({@code HLS_SEGMENT_SECONDS}), the part
 * length aimed at (FFmpeg's {@code -frag_duration}), and for how many of the newest complete segments the parts are
 * listed too (besides the open segment's).
 */
public record PlaylistSettings(double segmentTarget, double partTarget, int partSegments) {

    public PlaylistSettings {
        if (!(segmentTarget > 0) || !(partTarget > 0) || partSegments < 0) {
            throw new IllegalArgumentException("segmentTarget and partTarget above 0, partSegments 0 or more");
        }
    }
}
