package org.hlsgateway.playback.control;

/**
 * What an LL-HLS playlist request asks of the server (RFC 8216bis 6.2.5.2 and 6.2.5.1): hold the answer until
 * segment {@code _HLS_msn} (and part {@code _HLS_part} of it) is in the playlist, and a delta update
 * ({@code _HLS_skip=YES} or {@code v2}). Bad values are refused with a message a person can act on.
 *
 * @param msn the segment to wait for, null for no wait
 * @param part the part of {@code msn} to wait for, null for the whole segment
 */
public record BlockingRequest(Long msn, Integer part, boolean skip) {

    public static final BlockingRequest NONE = new BlockingRequest(null, null, false);

    /** @throws IllegalArgumentException with the reason, for a 400 */
    public static BlockingRequest parse(String msn, String part, String skip) {
        Long segment = msn == null ? null : number("_HLS_msn", msn, Long.MAX_VALUE);
        Integer index = part == null ? null : (int) number("_HLS_part", part, Integer.MAX_VALUE);
        if (index != null && segment == null) {
            throw new IllegalArgumentException("_HLS_part needs _HLS_msn (RFC 8216bis 6.2.5.2)");
        }
        if (skip != null && !skip.equals("YES") && !skip.equals("v2")) {
            throw new IllegalArgumentException("_HLS_skip must be YES or v2, not '" + shorten(skip) + "'");
        }
        return new BlockingRequest(segment, index, skip != null);
    }

    /** True when the answer waits for a segment or part. */
    public boolean blocks() {
        return msn != null;
    }

    private static long number(String name, String value, long max) {
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(name + " must be a decimal integer, not '" + shorten(value) + "'");
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is too large: " + value);
        }
    }

    private static String shorten(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
