package org.hlsgateway.packaging.control;

/** A blocking request names a part or segment too far beyond the live edge to wait for (RFC 8216bis 6.2.5.2): a 400. */
public final class TooFarAheadException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public TooFarAheadException(String message) {
        super(message);
    }
}
