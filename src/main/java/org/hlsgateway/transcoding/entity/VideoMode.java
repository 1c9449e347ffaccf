package org.hlsgateway.transcoding.entity;

/** What happens to the source's first video stream. */
public enum VideoMode {
    /** Copy the H.264/H.265 stream untouched: no CPU cost, no quality loss. */
    COPY,
    /** Re-encode to H.264 with keyframes on segment boundaries. */
    H264;

    public String value() {
        return name().toLowerCase();
    }
}
