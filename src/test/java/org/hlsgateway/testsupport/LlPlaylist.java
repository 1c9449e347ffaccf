package org.hlsgateway.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An LL-HLS media playlist read into what {@link LlPlaylistChecker} asserts on. It only reads; the checker judges.
 * In a delta update ({@code skipped} above 0) the discontinuity sequence of the segments listed is unknown (-1).
 */
public record LlPlaylist(int version, Long targetDuration, Double partTarget, Double partHoldBack, Double canSkipUntil,
        long mediaSequence, long discontinuitySequence, int skipped, List<Entry> segments, String preloadHint,
        List<String> uris) {

    /** A part line. */
    public record PartLine(double duration, String uri, boolean independent) {
    }

    /** A segment: complete with its EXTINF and URI, or (the last one only) open with parts and no EXTINF. */
    public record Entry(long msn, long discontinuitySequence, boolean discontinuity, Double extinf, String uri,
            List<PartLine> parts) {

        public boolean complete() {
            return uri != null;
        }
    }

    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)");

    public static LlPlaylist parse(String text) {
        int version = 1;
        int skipped = 0;
        Double canSkip = null;
        Long target = null;
        Double partTarget = null;
        Double holdBack = null;
        long sequence = 0;
        long discontinuities = 0;
        String hint = null;
        List<Entry> segments = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        List<PartLine> parts = new ArrayList<>();
        Double extinf = null;
        boolean discontinuity = false;
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.startsWith("#EXT-X-VERSION:")) {
                version = Integer.parseInt(value(line));
            } else if (line.startsWith("#EXT-X-SKIP:")) {
                skipped = Integer.parseInt(attributes(line).get("SKIPPED-SEGMENTS"));
                discontinuities = -1;
            } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                target = Long.parseLong(value(line));
            } else if (line.startsWith("#EXT-X-PART-INF:")) {
                partTarget = number(attributes(line).get("PART-TARGET"));
            } else if (line.startsWith("#EXT-X-SERVER-CONTROL:")) {
                holdBack = number(attributes(line).get("PART-HOLD-BACK"));
                canSkip = number(attributes(line).get("CAN-SKIP-UNTIL"));
            } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                sequence = Long.parseLong(value(line));
            } else if (line.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE:")) {
                discontinuities = Long.parseLong(value(line));
            } else if (line.equals("#EXT-X-DISCONTINUITY")) {
                discontinuity = true;
            } else if (line.startsWith("#EXT-X-PART:")) {
                Map<String, String> a = attributes(line);
                parts.add(new PartLine(number(a.get("DURATION")), a.get("URI"), "YES".equals(a.get("INDEPENDENT"))));
                uris.add(a.get("URI"));
            } else if (line.startsWith("#EXT-X-MAP:")) {
                uris.add(attributes(line).get("URI"));
            } else if (line.startsWith("#EXT-X-PRELOAD-HINT:")) {
                hint = attributes(line).get("URI");
                uris.add(hint);
            } else if (line.startsWith("#EXTINF:")) {
                extinf = Double.parseDouble(value(line).split(",", 2)[0]);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                long msn = sequence + skipped + segments.size();
                discontinuities += discontinuity && !segments.isEmpty() && discontinuities >= 0 ? 1 : 0;
                segments.add(new Entry(msn, discontinuities, discontinuity, extinf, line, List.copyOf(parts)));
                uris.add(line);
                parts.clear();
                extinf = null;
                discontinuity = false;
            }
        }
        if (!parts.isEmpty()) {
            discontinuities += discontinuity && !segments.isEmpty() && discontinuities >= 0 ? 1 : 0;
            segments.add(new Entry(sequence + skipped + segments.size(), discontinuities, discontinuity, null, null,
                    List.copyOf(parts)));
        }
        return new LlPlaylist(version, target, partTarget, holdBack, canSkip, sequence, firstDiscontinuity(text),
                skipped, segments, hint, uris);
    }

    public static Map<String, String> attributes(String line) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(line.substring(line.indexOf(':') + 1));
        while (m.find()) {
            String v = m.group(2);
            found.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
        }
        return found;
    }

    private static long firstDiscontinuity(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE:")) {
                return Long.parseLong(value(line.strip()));
            }
        }
        return 0;
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1);
    }

    private static Double number(String s) {
        return s == null ? null : Double.valueOf(s);
    }
}
