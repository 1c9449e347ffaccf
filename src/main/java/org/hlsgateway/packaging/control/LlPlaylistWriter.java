package org.hlsgateway.packaging.control;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import org.hlsgateway.packaging.entity.Part;
import org.hlsgateway.packaging.entity.PlaylistSettings;
import org.hlsgateway.packaging.entity.Segment;
import org.hlsgateway.packaging.entity.WindowSnapshot;

/**
 * Writes an LL-HLS media playlist (RFC 8216bis, Apple's low-latency rules) from a window snapshot. The same text
 * serves players that ignore LL-HLS tags: they see EXTINF segments as before. Targets come from the real durations:
 * EXT-X-TARGETDURATION is the longest segment rounded to the nearest second as RFC 8216 4.3.3.1 counts (so a 1.02 s
 * segment keeps a target of 1, not 2), at least the configured target rounded up; PART-TARGET is the longest part
 * listed, at least the configured one; PART-HOLD-BACK three part targets. The RFC forbids a target to change, but
 * only the stream can tell how long its GOPs are: so one writer per channel remembers the largest targets it has
 * written and never writes smaller ones. Every URI is relative and carries the given query (a playback token), if
 * any. With a skip boundary of at least six target durations, it offers delta updates ({@code CAN-SKIP-UNTIL},
 * {@code EXT-X-SKIP}, version 9), repeating the init section's MAP after the skip. Thread-safe.
 */
public final class LlPlaylistWriter {

    private static final Pattern SAFE_QUERY = Pattern.compile("[A-Za-z0-9._~%&=+\\-/:;,!$'()*@]*");
    private static final DateTimeFormatter PDT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);
    /** A segment of 1.0004 s still has a target of 1 s. */
    private static final double ROUNDING = 0.001;

    private final PlaylistSettings settings;
    private long writtenTarget;
    private double writtenPartTarget;

    public LlPlaylistWriter(PlaylistSettings settings) {
        this.settings = settings;
    }

    /**
     * @param query appended to every URI after a {@code ?}, e.g. {@code token=abc}; empty or null for none
     * @throws IllegalStateException if the window has no part yet (a caller waits for the first one)
     */
    public String write(WindowSnapshot window, String query) {
        return write(window, query, false);
    }

    /** @param skip a delta update ({@code _HLS_skip=YES}); ignored unless the settings offer one */
    public String write(WindowSnapshot window, String query, boolean skip) {
        String q = query == null || query.isEmpty() ? "" : "?" + checked(query);
        List<Segment> all = window.all();
        if (all.isEmpty()) {
            throw new IllegalStateException("no part yet: nothing to list");
        }
        int firstWithParts = Math.max(0, window.segments().size() - settings.partSegments());
        double partTarget = partTarget(all.subList(firstWithParts, all.size()));
        long target = targetDuration(window.segments());
        boolean deltas = settings.canSkipUntil() >= 6 * target;
        int skipped = deltas && skip ? skippable(window.segments(), all) : 0;
        StringBuilder out = new StringBuilder(2048);
        out.append("#EXTM3U\n#EXT-X-VERSION:").append(deltas ? 9 : 6).append('\n');
        out.append("#EXT-X-TARGETDURATION:").append(target).append('\n');
        out.append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=").append(decimal(3 * partTarget, 3));
        if (deltas) {
            out.append(",CAN-SKIP-UNTIL=").append(decimal(settings.canSkipUntil(), 3));
        }
        out.append('\n');
        out.append("#EXT-X-PART-INF:PART-TARGET=").append(decimal(partTarget, 3)).append('\n');
        out.append("#EXT-X-MEDIA-SEQUENCE:").append(all.get(0).msn()).append('\n');
        out.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(all.get(0).discontinuity()).append('\n');
        if (all.stream().allMatch(Segment::startsIndependent)) {
            out.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        }
        if (skipped > 0) {
            out.append("#EXT-X-SKIP:SKIPPED-SEGMENTS=").append(skipped).append('\n');
        }
        for (int i = skipped; i < all.size(); i++) {
            Segment s = all.get(i);
            if (i > 0 && s.discontinuous()) {
                out.append("#EXT-X-DISCONTINUITY\n");
            }
            if (i == skipped || s.init() != all.get(i - 1).init()) {
                out.append("#EXT-X-MAP:URI=\"init").append(s.init().discontinuity()).append(".mp4").append(q)
                        .append("\"\n");
            }
            if (i == skipped || s.discontinuous()) {
                out.append("#EXT-X-PROGRAM-DATE-TIME:").append(PDT.format(s.programDateTime())).append('\n');
            }
            if (i >= firstWithParts) {
                for (Part p : s.parts()) {
                    out.append("#EXT-X-PART:DURATION=").append(decimal(p.duration(), 5)).append(",URI=\"part")
                            .append(p.number()).append(".m4s").append(q).append('"')
                            .append(p.independent() ? ",INDEPENDENT=YES\n" : "\n");
                }
            }
            if (s != window.open()) {
                out.append("#EXTINF:").append(decimal(s.duration(), 5)).append(",\nseg").append(s.msn())
                        .append(".m4s").append(q).append('\n');
            }
        }
        out.append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part").append(window.nextPartNumber()).append(".m4s")
                .append(q).append("\"\n");
        return out.toString();
    }

    /** How many of the oldest complete segments end more than the skip boundary before the playlist's end. */
    private int skippable(List<Segment> complete, List<Segment> all) {
        double fromEnd = all.stream().mapToDouble(Segment::duration).sum();
        int n = 0;
        for (Segment s : complete) {
            fromEnd -= s.duration();
            if (fromEnd < settings.canSkipUntil()) {
                break;
            }
            n++;
        }
        return n;
    }

    /** The longest complete segment rounded, at least the configured target rounded up, never less than before. */
    synchronized long targetDuration(List<Segment> complete) {
        double longest = complete.stream().mapToDouble(Segment::duration).max().orElse(0);
        long configured = (long) Math.ceil(settings.segmentTarget() - ROUNDING);
        writtenTarget = Math.max(writtenTarget, Math.max(1, Math.max(configured, Math.round(longest))));
        return writtenTarget;
    }

    /** The longest listed part rounded up to the millisecond, at least the configured target, never less. */
    synchronized double partTarget(List<Segment> withParts) {
        double longest = withParts.stream().flatMap(s -> s.parts().stream()).mapToDouble(Part::duration).max()
                .orElse(0);
        writtenPartTarget = Math.max(writtenPartTarget,
                Math.ceil(Math.max(settings.partTarget(), longest) * 1000 - 1e-6) / 1000);
        return writtenPartTarget;
    }

    private static String checked(String query) {
        if (!SAFE_QUERY.matcher(query).matches()) {
            throw new IllegalArgumentException("a playlist URI query may hold only URL characters: " + query);
        }
        return query;
    }

    /** {@code value} with {@code places} decimals (String.format took most of a playlist's time). */
    static String decimal(double value, int places) {
        long scale = places == 3 ? 1000 : 100_000;
        long scaled = Math.round(value * scale);
        String fraction = Long.toString(scale + scaled % scale).substring(1);
        return (scaled / scale) + "." + fraction;
    }
}
