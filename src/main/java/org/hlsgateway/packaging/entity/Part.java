package org.hlsgateway.packaging.entity;

/**
 * One partial segment: a {@code moof} and its {@code mdat}, byte for byte. {@code number} counts parts across every
 * segment and run (its URI is {@code part<number>.m4s}); {@code msn} and {@code index} place it in its segment (what
 * {@code _HLS_msn} and {@code _HLS_part} name). Start and duration are media time in seconds.
 */
public record Part(long number, long msn, int index, byte[] bytes, double start, double duration,
        boolean independent) {

    @Override
    public String toString() {
        return "part" + number + "(" + msn + "." + index + (independent ? ",I" : "") + ","
                + String.format(java.util.Locale.ROOT, "%.3f", duration) + "s," + bytes.length + "B)";
    }
}
