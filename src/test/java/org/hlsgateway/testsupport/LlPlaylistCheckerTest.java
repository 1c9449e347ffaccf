package org.hlsgateway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LlPlaylistCheckerTest {

    static final String GOOD = """
            #EXTM3U
            #EXT-X-VERSION:6
            #EXT-X-TARGETDURATION:1
            #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.600
            #EXT-X-PART-INF:PART-TARGET=0.200
            #EXT-X-MEDIA-SEQUENCE:10
            #EXT-X-DISCONTINUITY-SEQUENCE:2
            #EXT-X-MAP:URI="init2.mp4?t=x"
            #EXTINF:1.00000,
            seg10.m4s?t=x
            #EXT-X-PART:DURATION=0.20000,URI="part53.m4s?t=x",INDEPENDENT=YES
            #EXT-X-PART:DURATION=0.20000,URI="part54.m4s?t=x"
            #EXT-X-PART:DURATION=0.20000,URI="part55.m4s?t=x"
            #EXT-X-PART:DURATION=0.20000,URI="part56.m4s?t=x"
            #EXT-X-PART:DURATION=0.20000,URI="part57.m4s?t=x",INDEPENDENT=YES
            #EXTINF:1.00000,
            seg11.m4s?t=x
            #EXT-X-DISCONTINUITY
            #EXT-X-MAP:URI="init3.mp4?t=x"
            #EXT-X-PART:DURATION=0.20000,URI="part58.m4s?t=x",INDEPENDENT=YES
            #EXT-X-PART:DURATION=0.20000,URI="part59.m4s?t=x"
            #EXT-X-PRELOAD-HINT:TYPE=PART,URI="part60.m4s?t=x"
            """;

    private static final Set<String> KEYFRAMES = Set.of("part53.m4s?t=x", "part57.m4s?t=x", "part58.m4s?t=x");

    @Test
    void aGoodPlaylistPassesAndIsReadWhole() {
        LlPlaylistChecker.check(GOOD, KEYFRAMES::contains);
        LlPlaylist p = LlPlaylist.parse(GOOD);
        assertEquals(List.of(10L, 11L, 12L), p.segments().stream().map(LlPlaylist.Entry::msn).toList());
        assertEquals(List.of(2L, 2L, 3L), p.segments().stream().map(LlPlaylist.Entry::discontinuitySequence).toList());
        assertEquals(5, p.segments().get(1).parts().size());
        assertEquals("part60.m4s?t=x", p.preloadHint());
        assertTrue(p.uris().stream().allMatch(u -> u.endsWith("?t=x")), p.uris().toString());
        assertEquals(12, p.uris().size());
    }

    @Test
    void aPartLongerThanThePartTarget() {
        assertBroken(GOOD.replace("DURATION=0.20000,URI=\"part59", "DURATION=0.20100,URI=\"part59"),
                "part59.m4s?t=x: DURATION 0.201 above PART-TARGET 0.2");
    }

    @Test
    void partsThatDoNotAddUpToTheirSegment() {
        assertBroken(GOOD.replace("#EXTINF:1.00000,\nseg11", "#EXTINF:1.04000,\nseg11"),
                "segment 11: its parts add up to");
    }

    @Test
    void independentWhereThereIsNoKeyframe() {
        assertBroken(GOOD.replace("part56.m4s?t=x\"", "part56.m4s?t=x\",INDEPENDENT=YES"),
                "part56.m4s?t=x: INDEPENDENT=YES on a part that does not start with a keyframe");
    }

    @Test
    void aSegmentWhoseFirstPartIsNotIndependent() {
        assertBroken(GOOD.replace("part58.m4s?t=x\",INDEPENDENT=YES", "part58.m4s?t=x\""),
                "segment 12: its first part part58.m4s?t=x is not INDEPENDENT");
    }

    @Test
    void aHoldBackBelowTwoPartTargets() {
        assertBroken(GOOD.replace("PART-HOLD-BACK=0.600", "PART-HOLD-BACK=0.399"),
                "PART-HOLD-BACK=0.399 is less than 2 x PART-TARGET=0.2");
        assertBroken(GOOD.replace("PART-HOLD-BACK=0.600", ""), "without EXT-X-PART-INF:PART-TARGET or");
    }

    @Test
    void aSegmentLongerThanTheTargetDuration() {
        assertBroken(GOOD.replace("#EXTINF:1.00000,\nseg10", "#EXTINF:1.50000,\nseg10"),
                "segment 10: EXTINF 1.5 rounds above TARGETDURATION 1");
        LlPlaylistChecker.check(GOOD.replace("#EXTINF:1.00000,\nseg10", "#EXTINF:1.49000,\nseg10"),
                KEYFRAMES::contains);
    }

    @Test
    void aSkipWithoutItsBoundaryOrABoundaryTooShort() {
        String delta = GOOD.replace("#EXTINF:1.00000,\nseg10.m4s?t=x\n", "#EXT-X-SKIP:SKIPPED-SEGMENTS=1\n");
        assertBroken(delta, "EXT-X-SKIP without CAN-SKIP-UNTIL");
        LlPlaylist p = LlPlaylist.parse(delta);
        assertEquals(List.of(11L, 12L), p.segments().stream().map(LlPlaylist.Entry::msn).toList());
        String offered = delta.replace("VERSION:6", "VERSION:9").replace("PART-HOLD-BACK=0.600",
                "PART-HOLD-BACK=0.600,CAN-SKIP-UNTIL=6.0");
        LlPlaylistChecker.check(offered, KEYFRAMES::contains);
        LlPlaylistChecker.checkSuccession(GOOD, offered);
        assertBroken(offered.replace("CAN-SKIP-UNTIL=6.0", "CAN-SKIP-UNTIL=5.9"),
                "CAN-SKIP-UNTIL=5.9 is less than 6 x TARGETDURATION=1");
    }

    @Test
    void theNextPlaylistGoesOn() {
        String next = GOOD.replace("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part60.m4s?t=x\"",
                "#EXT-X-PART:DURATION=0.20000,URI=\"part60.m4s?t=x\"\n"
                        + "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part61.m4s\"");
        LlPlaylistChecker.checkSuccession(GOOD, next);
        LlPlaylistChecker.checkSuccession(GOOD, GOOD);
    }

    @Test
    void aMediaSequenceThatGoesBack() {
        String restarted = GOOD.replace("MEDIA-SEQUENCE:10", "MEDIA-SEQUENCE:0");
        assertSuccessionBroken(GOOD, restarted, "EXT-X-MEDIA-SEQUENCE went back from 10 to 0");
        assertSuccessionBroken(GOOD, restarted, "the newest part went back from 12.2 to 2.2");
    }

    @Test
    void partNumberingThatChangesOrGoesBack() {
        assertSuccessionBroken(GOOD, GOOD.replace("part59", "part99"),
                "segment 12: its parts [part58.m4s?t=x, part59.m4s?t=x] are not the start of");
        String fewer = GOOD.replace("#EXT-X-PART:DURATION=0.20000,URI=\"part59.m4s?t=x\"\n", "");
        assertSuccessionBroken(GOOD, fewer, "the newest part went back from 12.2 to 12.1");
        assertSuccessionBroken(GOOD, GOOD.replace("seg11.m4s", "seg11b.m4s"), "segment 11 changed from");
        assertSuccessionBroken(GOOD.replace("TARGETDURATION:1", "TARGETDURATION:2"), GOOD,
                "EXT-X-TARGETDURATION went down from 2 to 1");
        assertSuccessionBroken(GOOD, GOOD.replace("DISCONTINUITY-SEQUENCE:2", "DISCONTINUITY-SEQUENCE:1"),
                "EXT-X-DISCONTINUITY-SEQUENCE went back from 2 to 1");
    }

    private static void assertBroken(String playlist, String rule) {
        List<String> found = LlPlaylistChecker.violations(playlist, KEYFRAMES::contains);
        assertTrue(found.stream().anyMatch(v -> v.contains(rule)), "expected '" + rule + "' in " + found);
        AssertionError e = assertThrows(AssertionError.class, () -> LlPlaylistChecker.check(playlist,
                KEYFRAMES::contains));
        assertTrue(e.getMessage().contains(rule) && e.getMessage().contains(playlist), e.getMessage());
    }

    private static void assertSuccessionBroken(String previous, String next, String rule) {
        List<String> found = LlPlaylistChecker.successionViolations(previous, next);
        assertTrue(found.stream().anyMatch(v -> v.contains(rule)), "expected '" + rule + "' in " + found);
        assertThrows(AssertionError.class, () -> LlPlaylistChecker.checkSuccession(previous, next));
    }
}
