package org.hlsgateway.transcoding.entity;

import java.time.Instant;

/** What the API and console show about a channel's transcoder. */
public record TranscoderStatus(TranscoderState state, String lastError, Instant startedAt, Instant lastAccessAt,
                               int viewers, Long pid) {

    public static TranscoderStatus idle(String lastError, Instant lastAccessAt) {
        return new TranscoderStatus(lastError == null ? TranscoderState.IDLE : TranscoderState.FAILED,
                lastError, null, lastAccessAt, 0, null);
    }
}
