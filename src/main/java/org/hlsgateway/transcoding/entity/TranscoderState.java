package org.hlsgateway.transcoding.entity;

/** The live state of a channel's transcoder. */
public enum TranscoderState {
    /** No FFmpeg runs: nobody watches. */
    IDLE,
    /** FFmpeg runs, the first segment is not there yet. */
    STARTING,
    /** FFmpeg runs and the playlist lists segments. */
    LIVE,
    /** The last start or run failed; {@code lastError} says why. */
    FAILED
}
