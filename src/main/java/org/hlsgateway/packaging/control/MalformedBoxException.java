package org.hlsgateway.packaging.control;

import java.io.IOException;

/** The byte stream is not the fragmented MP4 we read: says where (byte offset in the stream) and what is wrong. */
public final class MalformedBoxException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long offset;

    public MalformedBoxException(long offset, String problem) {
        super("malformed fMP4 at byte " + offset + ": " + problem);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
