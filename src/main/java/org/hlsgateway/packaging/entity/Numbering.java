package org.hlsgateway.packaging.entity;

/**
 * Where a channel's numbers start: the first media sequence number, the first part number and the first
 * discontinuity sequence number. A caller that derives them from the clock (e.g. seconds since an epoch divided by
 * the segment length) keeps them from going back across gateway restarts.
 */
public record Numbering(long firstMsn, long firstPart, long firstDiscontinuity) {

    public Numbering {
        if (firstMsn < 0 || firstPart < 0 || firstDiscontinuity < 0) {
            throw new IllegalArgumentException("numbers start at 0 or above: " + firstMsn + ", " + firstPart + ", "
                    + firstDiscontinuity);
        }
    }

    public static Numbering zero() {
        return new Numbering(0, 0, 0);
    }
}
