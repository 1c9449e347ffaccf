package org.hlsgateway.iptv.control;

/** Small text helpers shared by the import parsers. */
final class ImportText {

    private static final char BOM = '\uFEFF';

    private ImportText() {
    }

    /** {@code text} without a leading UTF-8 byte order mark; "" for null. */
    static String withoutBom(String text) {
        if (text == null) {
            return "";
        }
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    /** The trimmed value, or null when it is null or empty after trimming. */
    static String value(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
