package org.hlsgateway.transcoding.entity;

import java.time.Instant;

/** What the API and console show about a channel's transcoder. */
public record TranscoderStatus(TranscoderState state, String lastError, Instant startedAt, Instant lastAccessAt,
                               int viewers, Long pid, InputStreams input, String node) {

    /** On this node ({@code node} is null; in a cluster, another node's status names that node's URL). */
    public TranscoderStatus(TranscoderState state, String lastError, Instant startedAt, Instant lastAccessAt,
                            int viewers, Long pid, InputStreams input) {
        this(state, lastError, startedAt, lastAccessAt, viewers, pid, input, null);
    }

    public TranscoderStatus(TranscoderState state, String lastError, Instant startedAt, Instant lastAccessAt,
                            int viewers, Long pid) {
        this(state, lastError, startedAt, lastAccessAt, viewers, pid, InputStreams.UNKNOWN);
    }

    public static TranscoderStatus idle(String lastError, Instant lastAccessAt) {
        return new TranscoderStatus(lastError == null ? TranscoderState.IDLE : TranscoderState.FAILED,
                lastError, null, lastAccessAt, 0, null, InputStreams.UNKNOWN);
    }

    /** Seconds since FFmpeg started, or null when it does not run. */
    public Long uptimeSeconds() {
        return startedAt == null ? null : java.time.Duration.between(startedAt, Instant.now()).toSeconds();
    }
}
