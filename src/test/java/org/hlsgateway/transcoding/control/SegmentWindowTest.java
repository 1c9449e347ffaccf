package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentWindowTest {

    /** FFmpeg's playlist of {@code run} listing segments {@code first..last}. */
    private static String ffmpeg(String run, int first, int last) {
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:" + first + "\n");
        for (int i = first; i <= last; i++) {
            text.append("#EXTINF:1.000000,\n").append(run).append('-').append(i).append(".ts\n");
        }
        return text.toString();
    }

    private static List<String> uris(String playlist) {
        return playlist.lines().filter(l -> !l.startsWith("#")).toList();
    }

    private static String tag(String playlist, String name) {
        return playlist.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1))
                .findFirst().orElse(null);
    }

    @Test
    void noPlaylistBeforeTheFirstSegment() {
        SegmentWindow window = new SegmentWindow(3, 1);
        assertEquals(0, window.merge("a", "#EXTM3U\n#EXT-X-TARGETDURATION:1\n"));
        assertNull(window.render());
    }

    @Test
    void followsOneRunLikeFfmpegsOwnPlaylist() {
        SegmentWindow window = new SegmentWindow(3, 1);
        assertEquals(2, window.merge("a", ffmpeg("a", 0, 1)));
        assertEquals(0, window.merge("a", ffmpeg("a", 0, 1)), "merging twice adds nothing");
        window.merge("a", ffmpeg("a", 2, 4));

        String playlist = window.render();
        assertEquals(List.of("a-2.ts", "a-3.ts", "a-4.ts"), uris(playlist));
        assertEquals("2", tag(playlist, "#EXT-X-MEDIA-SEQUENCE"));
        assertTrue(!playlist.contains("DISCONTINUITY"), playlist);
        assertTrue(!playlist.contains("#EXT-X-ENDLIST"), "a live playlist never ends");
    }

    @Test
    void aRestartedRunContinuesTheSequenceAfterADiscontinuity() {
        SegmentWindow window = new SegmentWindow(4, 1);
        window.merge("a", ffmpeg("a", 0, 5)); // sequence 2..5 in the window
        window.merge("b", ffmpeg("b", 0, 1)); // FFmpeg starts over at 0

        String playlist = window.render();
        assertEquals(List.of("a-4.ts", "a-5.ts", "b-0.ts", "b-1.ts"), uris(playlist));
        assertEquals("4", tag(playlist, "#EXT-X-MEDIA-SEQUENCE"), "continuous: b-0 is number 6");
        List<String> lines = playlist.lines().toList();
        assertEquals("#EXT-X-DISCONTINUITY", lines.get(lines.indexOf("b-0.ts") - 2));
        assertNull(tag(playlist, "#EXT-X-DISCONTINUITY-SEQUENCE"), "the break is still in the window");

        window.merge("b", ffmpeg("b", 0, 5));
        String later = window.render();
        assertEquals(List.of("b-2.ts", "b-3.ts", "b-4.ts", "b-5.ts"), uris(later));
        assertEquals("8", tag(later, "#EXT-X-MEDIA-SEQUENCE"));
        assertEquals("1", tag(later, "#EXT-X-DISCONTINUITY-SEQUENCE"), "one break has left the window");
        assertEquals(Set.of("b"), window.runsInUse());
    }

    @Test
    void segmentsNobodySawStillTakeTheirNumbers() {
        SegmentWindow window = new SegmentWindow(3, 1);
        window.merge("a", ffmpeg("a", 0, 0));
        window.merge("a", ffmpeg("a", 5, 7)); // 1..4 came and went unseen

        assertEquals("5", tag(window.render(), "#EXT-X-MEDIA-SEQUENCE"));
        assertEquals(8, window.nextSequence());
    }

    @Test
    void aReplacedRunIsIgnoredAndFmp4KeepsItsMapAfterTheBreak() {
        SegmentWindow window = new SegmentWindow(4, 1);
        window.merge("a", ffmpeg("a", 0, 1));
        window.merge("b", "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXT-X-MAP:URI=\"b-init.mp4\"\n#EXTINF:1.5,\nb-0.m4s\n");
        assertEquals(0, window.merge("a", ffmpeg("a", 0, 3)), "a late event of the old run adds nothing");

        String playlist = window.render();
        assertEquals(List.of("a-0.ts", "a-1.ts", "b-0.m4s"), uris(playlist).stream().filter(u -> !u.isEmpty()).toList());
        assertEquals("7", tag(playlist, "#EXT-X-VERSION"));
        assertEquals("2", tag(playlist, "#EXT-X-TARGETDURATION"));
        assertTrue(playlist.contains("#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"b-init.mp4\"\n#EXTINF:1.500000,\nb-0.m4s"), playlist);
    }

    @Test
    void crlfPlaylistsAreRead() {
        SegmentWindow window = new SegmentWindow(3, 1);
        window.merge("a", ffmpeg("a", 0, 1).replace("\n", "\r\n"));
        assertEquals(List.of("a-0.ts", "a-1.ts"), uris(window.render()));
    }
}
