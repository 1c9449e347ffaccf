package org.hlsgateway.transcoding.control;

import jakarta.ejb.ApplicationException;

/** A transcoder that did not produce its first segment; the reason is fit to show to a person. */
@ApplicationException(rollback = true)
public class StartFailedException extends RuntimeException {

    /** Why a start failed; each maps to its own HTTP status. */
    public enum Kind {
        /** FFmpeg exited before the first segment (bad source, wrong credentials, ...). */
        SOURCE_FAILED,
        /** No segment within the start timeout. */
        TIMEOUT,
        /** FFmpeg could not be run at all. */
        UNAVAILABLE,
        /** A live source failed; the gateway restarts it after a back-off delay. */
        RETRYING,
        /** A live source stopped sending: no new segment for three segment durations. */
        STALLED,
        /** {@code HLS_MAX_TRANSCODERS} are running already. */
        BUSY
    }

    private final Kind kind;
    private final long retryAfterSeconds;

    public StartFailedException(Kind kind, String message) {
        this(kind, message, 0);
    }

    /** @param retryAfterSeconds when a client may try again (the {@code Retry-After} header); 0 when unknown */
    public StartFailedException(Kind kind, String message, long retryAfterSeconds) {
        super(message);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }
}
