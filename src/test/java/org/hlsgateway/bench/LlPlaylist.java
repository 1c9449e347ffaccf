package org.hlsgateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a simulated LL-HLS player reads from the gateway's playlist: the listed parts with their place ({@code _HLS_msn},
 * {@code _HLS_part}), the whole segments, and the preload-hinted part. Part numbers are the gateway's, global to the
 * channel ({@code part{n}.m4s}), so the part after {@code n} is {@code n + 1}.
 */
final class LlPlaylist {

    private static final Pattern PART = Pattern.compile("URI=\"part(\\d+)\\.m4s");

    /** A part and where a blocking reload names it. */
    record PartRef(long number, long msn, int index) {
    }

    final List<PartRef> parts = new ArrayList<>();
    final List<String> segments = new ArrayList<>();
    final long hint;
    /** The segment the hinted part belongs to, and the parts it already lists: where a reload waits for the hint. */
    final long openMsn;
    final int openParts;

    private LlPlaylist(String text) {
        long msn = -1;
        int index = 0;
        long hinted = -1;
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                msn = Long.parseLong(line.substring(22));
            } else if (line.startsWith("#EXT-X-PART:")) {
                parts.add(new PartRef(number(line), msn, index++));
            } else if (line.startsWith("#EXT-X-PRELOAD-HINT:")) {
                hinted = number(line);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                segments.add(line);
                msn++;
                index = 0;
            }
        }
        if (msn < 0 || hinted < 0) {
            throw new IllegalStateException("not an LL-HLS playlist: " + text);
        }
        hint = hinted;
        openMsn = msn;
        openParts = index;
    }

    static LlPlaylist parse(String text) {
        return new LlPlaylist(text);
    }

    private static long number(String line) {
        Matcher m = PART.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("no part URI in " + line);
        }
        return Long.parseLong(m.group(1));
    }

    boolean lists(long part) {
        return !parts.isEmpty() && parts.get(0).number() <= part && part <= newestPart();
    }

    long newestPart() {
        return parts.isEmpty() ? -1 : parts.get(parts.size() - 1).number();
    }

    /** Where a blocking reload waits for part {@code n}: a listed part, or the hinted one; null if neither. */
    PartRef position(long n) {
        if (n == hint) {
            return new PartRef(n, openMsn, openParts);
        }
        if (lists(n)) {
            return parts.get((int) (n - parts.get(0).number()));
        }
        return null;
    }

    /** The query of a blocking reload for part {@code ref}. */
    static String blocking(PartRef ref) {
        return "?_HLS_msn=" + ref.msn() + "&_HLS_part=" + ref.index();
    }
}
