package org.hlsgateway.iptv.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads channels from an extended M3U as IPTV providers write it. The {@code #EXTM3U} header is
 * optional. {@code #EXTINF:<duration> <attributes>,<display name>} describes the next URL line (the
 * next non-blank line not starting with {@code #}); attributes {@code tvg-id}, {@code tvg-name},
 * {@code tvg-logo}, {@code group-title} and {@code hls-nickname} are read in any order and case,
 * quoted with double or single quotes or not at all. {@code #EXTGRP:} sets the group of the next
 * channel when it has no {@code group-title}; other {@code #} lines are ignored. A URL line without
 * {@code #EXTINF} is a channel without a name.
 */
public final class M3uImport {

    private static final String EXTINF = "#EXTINF:";
    private static final String EXTGRP = "#EXTGRP:";

    private M3uImport() {
    }

    /** Parses an extended M3U as IPTV providers write it. Never null; empty for an empty text. */
    public static List<ImportRow> parse(String text) {
        List<ImportRow> rows = new ArrayList<>();
        List<String> lines = lines(ImportText.withoutBom(text));
        Extinf pending = null;
        String pendingGroup = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (startsWithIgnoringCase(line, EXTINF)) {
                if (pending != null) {
                    rows.add(withoutUrl(pending, "another #EXTINF follows on line " + lineNumber));
                }
                pending = Extinf.read(lineNumber, line.substring(EXTINF.length()));
            } else if (startsWithIgnoringCase(line, EXTGRP)) {
                pendingGroup = ImportText.value(line.substring(EXTGRP.length()));
            } else if (!line.startsWith("#")) {
                Extinf info = pending != null ? pending : Extinf.NONE;
                String group = info.attribute("group-title") != null ? info.attribute("group-title") : pendingGroup;
                rows.add(new ImportRow(lineNumber, info.attribute("hls-nickname"), line, info.name,
                        group, info.attribute("tvg-logo"), info.attribute("tvg-id"), info.attribute("tvg-name"), null));
                pending = null;
                pendingGroup = null;
            }
        }
        if (pending != null) {
            rows.add(withoutUrl(pending, "the file ends"));
        }
        return rows;
    }

    /** The physical lines of {@code text}, split at CRLF, LF or CR. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines;
    }

    private static ImportRow withoutUrl(Extinf extinf, String instead) {
        return ImportRow.rejected(extinf.line, "line " + extinf.line
                + ": #EXTINF without a URL line after it (" + instead + ")");
    }

    private static boolean startsWithIgnoringCase(String line, String prefix) {
        return line.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** The attributes (lower-case keys) and display name of one {@code #EXTINF} line. */
    private record Extinf(int line, Map<String, String> attributes, String name) {

        static final Extinf NONE = new Extinf(0, Map.of(), null);

        String attribute(String key) {
            return ImportText.value(attributes.get(key));
        }

        /**
         * Reads {@code -1 key="value" key='value' key=value,Display name}: tokens without '=' (the
         * duration) are skipped, the first comma outside a value starts the display name.
         */
        static Extinf read(int line, String rest) {
            Map<String, String> attributes = new HashMap<>();
            int length = rest.length();
            int i = 0;
            while (i < length) {
                char c = rest.charAt(i);
                if (c == ',') {
                    return new Extinf(line, attributes, ImportText.value(rest.substring(i + 1)));
                }
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                int keyStart = i;
                while (i < length && !isKeyEnd(rest.charAt(i))) {
                    i++;
                }
                String key = rest.substring(keyStart, i).toLowerCase(Locale.ROOT);
                if (i >= length || rest.charAt(i) != '=') {
                    continue;
                }
                i++;
                int valueEnd;
                String value;
                char quote = i < length ? rest.charAt(i) : 0;
                int close = quote == '"' || quote == '\'' ? rest.indexOf(quote, i + 1) : -1;
                if (close >= 0) {
                    value = rest.substring(i + 1, close);
                    valueEnd = close + 1;
                } else {
                    int start = quote == '"' || quote == '\'' ? i + 1 : i;
                    valueEnd = unquotedValueEnd(rest, start);
                    value = rest.substring(start, valueEnd);
                }
                attributes.putIfAbsent(key, value);
                i = valueEnd;
            }
            return new Extinf(line, attributes, null);
        }

        private static boolean isKeyEnd(char c) {
            return c == '=' || c == ',' || Character.isWhitespace(c);
        }

        /** An unquoted value runs to a comma or to the whitespace before the next {@code key=}. */
        private static int unquotedValueEnd(String rest, int start) {
            int length = rest.length();
            for (int i = start; i < length; i++) {
                char c = rest.charAt(i);
                if (c == ',') {
                    return i;
                }
                if (Character.isWhitespace(c) && nextKeyFollows(rest, i)) {
                    return i;
                }
            }
            return length;
        }

        private static boolean nextKeyFollows(String rest, int whitespace) {
            int i = whitespace;
            while (i < rest.length() && Character.isWhitespace(rest.charAt(i))) {
                i++;
            }
            int keyStart = i;
            while (i < rest.length() && !isKeyEnd(rest.charAt(i))) {
                i++;
            }
            return i > keyStart && i < rest.length() && rest.charAt(i) == '=';
        }
    }
}
