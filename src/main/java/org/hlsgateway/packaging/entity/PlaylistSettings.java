package org.hlsgateway.packaging.entity;

/**
 * How a channel's LL-HLS playlist is written: the segment length aimed at ({@code HLS_SEGMENT_SECONDS}), the part
 * length aimed at (FFmpeg's {@code -frag_duration}), for how many of the newest complete segments the parts are
 * listed too (besides the open segment's), and the skip boundary offered for delta updates ({@code CAN-SKIP-UNTIL},
 * seconds; 0 for none).
 */
public record PlaylistSettings(double segmentTarget, double partTarget, int partSegments, double canSkipUntil) {

    public PlaylistSettings {
        if (!(segmentTarget > 0) || !(partTarget > 0) || partSegments < 0 || !(canSkipUntil >= 0)) {
            throw new IllegalArgumentException("segmentTarget and partTarget above 0, partSegments and"
                    + " canSkipUntil 0 or more");
        }
    }

    /** No delta updates. */
    public PlaylistSettings(double segmentTarget, double partTarget, int partSegments) {
        this(segmentTarget, partTarget, partSegments, 0);
    }
}
