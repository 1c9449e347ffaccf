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
        UNAVAILABLE
    }

    private final Kind kind;

    public StartFailedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
