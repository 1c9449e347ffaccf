package org.hlsgateway.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.hlsgateway.testsupport.LlPlaylist.Entry;
import org.hlsgateway.testsupport.LlPlaylist.PartLine;

/**
 * Asserts the RFC 8216bis low-latency rules on any media playlist text, so that every IT can run it on every
 * playlist it receives: part durations within PART-TARGET, the parts of a segment adding up to its EXTINF,
 * INDEPENDENT only on keyframe parts and on the first part of each segment, PART-HOLD-BACK at least two part
 * targets, TARGETDURATION at least every rounded EXTINF; and between two successive playlists of one channel,
 * media sequence and part numbering that go on and never back.
 */
public final class LlPlaylistChecker {

    /** How far the parts of a segment may add up away from its EXTINF (the decimals written). */
    public static final double SUM_TOLERANCE = 0.005;

    private LlPlaylistChecker() {
    }

    public static void check(String playlist) {
        check(playlist, uri -> true);
    }

    /** @param keyframePart whether the part at a URI starts with a keyframe, as the packager knows it */
    public static void check(String playlist, Predicate<String> keyframePart) {
        fail(violations(playlist, keyframePart), playlist);
    }

    public static void checkSuccession(String previous, String next) {
        fail(successionViolations(previous, next), "previous:\n" + previous + "\nnext:\n" + next);
    }

    public static List<String> violations(String text, Predicate<String> keyframePart) {
        LlPlaylist p = LlPlaylist.parse(text);
        List<String> found = new ArrayList<>();
        boolean anyPart = p.segments().stream().anyMatch(s -> !s.parts().isEmpty());
        if (!text.startsWith("#EXTM3U")) {
            found.add("the playlist does not start with #EXTM3U");
        }
        if (p.targetDuration() == null) {
            found.add("no EXT-X-TARGETDURATION");
        }
        if (anyPart && (p.partTarget() == null || p.partHoldBack() == null)) {
            found.add("parts without EXT-X-PART-INF:PART-TARGET or SERVER-CONTROL:PART-HOLD-BACK");
        }
        if (p.partTarget() != null && p.partHoldBack() != null && p.partHoldBack() < 2 * p.partTarget() - 1e-9) {
            found.add("PART-HOLD-BACK=" + p.partHoldBack() + " is less than 2 x PART-TARGET=" + p.partTarget());
        }
        if (p.skipped() > 0 && (p.canSkipUntil() == null || p.version() < 9)) {
            found.add("EXT-X-SKIP without CAN-SKIP-UNTIL in SERVER-CONTROL or below EXT-X-VERSION:9");
        }
        if (p.canSkipUntil() != null && p.targetDuration() != null && p.canSkipUntil() < 6 * p.targetDuration()) {
            found.add("CAN-SKIP-UNTIL=" + p.canSkipUntil() + " is less than 6 x TARGETDURATION=" + p.targetDuration());
        }
        for (Entry s : p.segments()) {
            if (s.extinf() != null && p.targetDuration() != null && Math.round(s.extinf()) > p.targetDuration()) {
                found.add("segment " + s.msn() + ": EXTINF " + s.extinf() + " rounds above TARGETDURATION "
                        + p.targetDuration());
            }
            if (s.complete() && s.extinf() == null) {
                found.add("segment " + s.msn() + " (" + s.uri() + ") has no EXTINF");
            }
            for (int i = 0; i < s.parts().size(); i++) {
                PartLine part = s.parts().get(i);
                if (p.partTarget() != null && part.duration() > p.partTarget() + 1e-9) {
                    found.add(part.uri() + ": DURATION " + part.duration() + " above PART-TARGET " + p.partTarget());
                }
                if (part.independent() && !keyframePart.test(part.uri())) {
                    found.add(part.uri() + ": INDEPENDENT=YES on a part that does not start with a keyframe");
                }
                if (i == 0 && !part.independent()) {
                    found.add("segment " + s.msn() + ": its first part " + part.uri() + " is not INDEPENDENT");
                }
            }
            double sum = s.parts().stream().mapToDouble(PartLine::duration).sum();
            if (s.complete() && !s.parts().isEmpty() && Math.abs(sum - s.extinf()) > SUM_TOLERANCE) {
                found.add("segment " + s.msn() + ": its parts add up to " + sum + ", its EXTINF is " + s.extinf());
            }
        }
        return found;
    }

    /** Rules between two successive playlists of one channel (the next fetched after the previous). */
    public static List<String> successionViolations(String previousText, String nextText) {
        LlPlaylist before = LlPlaylist.parse(previousText);
        LlPlaylist after = LlPlaylist.parse(nextText);
        List<String> found = new ArrayList<>();
        if (after.mediaSequence() < before.mediaSequence()) {
            found.add("EXT-X-MEDIA-SEQUENCE went back from " + before.mediaSequence() + " to " + after.mediaSequence());
        }
        if (after.discontinuitySequence() < before.discontinuitySequence()) {
            found.add("EXT-X-DISCONTINUITY-SEQUENCE went back from " + before.discontinuitySequence() + " to "
                    + after.discontinuitySequence());
        }
        if (before.targetDuration() != null && after.targetDuration() != null
                && after.targetDuration() < before.targetDuration()) {
            found.add("EXT-X-TARGETDURATION went down from " + before.targetDuration() + " to "
                    + after.targetDuration());
        }
        long[] newestBefore = newest(before);
        long[] newestAfter = newest(after);
        if (newestAfter[0] < newestBefore[0] || newestAfter[0] == newestBefore[0] && newestAfter[1] < newestBefore[1]) {
            found.add("the newest part went back from " + newestBefore[0] + "." + newestBefore[1] + " to "
                    + newestAfter[0] + "." + newestAfter[1]);
        }
        Map<Long, Entry> later = new HashMap<>();
        after.segments().forEach(s -> later.put(s.msn(), s));
        for (Entry old : before.segments()) {
            Entry now = later.get(old.msn());
            if (now == null) {
                continue;
            }
            if (old.complete() && !(now.complete() && now.uri().equals(old.uri())
                    && Math.abs(now.extinf() - old.extinf()) < 1e-9)) {
                found.add("segment " + old.msn() + " changed from " + old.uri() + " (" + old.extinf() + " s) to "
                        + now.uri() + " (" + now.extinf() + " s)");
            }
            if (now.discontinuitySequence() != old.discontinuitySequence() && now.discontinuitySequence() >= 0
                    && old.discontinuitySequence() >= 0) {
                found.add("segment " + old.msn() + " moved from discontinuity " + old.discontinuitySequence()
                        + " to " + now.discontinuitySequence());
            }
            if (!now.parts().isEmpty() && !startsWith(now.parts(), old.parts())) {
                found.add("segment " + old.msn() + ": its parts " + uris(old.parts()) + " are not the start of "
                        + uris(now.parts()));
            }
        }
        return found;
    }

    private static long[] newest(LlPlaylist p) {
        if (p.segments().isEmpty()) {
            return new long[] {Long.MIN_VALUE, 0};
        }
        Entry last = p.segments().get(p.segments().size() - 1);
        return new long[] {last.msn(), last.complete() ? Integer.MAX_VALUE : last.parts().size()};
    }

    private static boolean startsWith(List<PartLine> parts, List<PartLine> prefix) {
        return parts.size() >= prefix.size() && parts.subList(0, prefix.size()).equals(prefix);
    }

    private static List<String> uris(List<PartLine> parts) {
        return parts.stream().map(PartLine::uri).toList();
    }

    private static void fail(List<String> violations, String playlist) {
        if (!violations.isEmpty()) {
            throw new AssertionError("LL-HLS playlist breaks " + violations.size() + " rule(s): " + violations
                    + "\n" + playlist);
        }
    }
}
