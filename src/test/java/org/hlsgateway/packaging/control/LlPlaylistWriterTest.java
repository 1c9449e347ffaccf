package org.hlsgateway.packaging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hlsgateway.packaging.entity.Box;
import org.hlsgateway.packaging.entity.Numbering;
import org.hlsgateway.packaging.entity.Part;
import org.hlsgateway.packaging.entity.PlaylistSettings;
import org.hlsgateway.packaging.entity.Segment;
import org.hlsgateway.testsupport.LlPlaylist;
import org.hlsgateway.testsupport.LlPlaylistChecker;
import org.junit.jupiter.api.Test;

class LlPlaylistWriterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private static final PlaylistSettings SETTINGS = new PlaylistSettings(1.0, 0.2, 2);

    private final MediaWindow window = new MediaWindow(4, 2, 5, new Numbering(50, 500, 0));
    private final LlPlaylistWriter writer = new LlPlaylistWriter(SETTINGS);
    private final Set<String> keyframes = new HashSet<>();
    private final List<String> playlists = new ArrayList<>();

    /** The window, noting which parts start with a keyframe and writing a playlist after each part. */
    private final Segmenter.Output output = new Segmenter.Output() {
        @Override
        public void partAdded(Segment open, Part part) {
            window.partAdded(open, part);
            if (part.independent()) {
                keyframes.add("part" + part.number() + ".m4s?token=abc");
            }
            playlists.add(writer.write(window.snapshot(), "token=abc"));
        }

        @Override
        public void segmentClosed(Segment segment) {
            window.segmentClosed(segment);
            playlists.add(writer.write(window.snapshot(), "token=abc"));
        }
    };

    @Test
    void everyPlaylistOfThreeRunsKeepsTheRulesAndFollowsTheOneBefore() throws MalformedBoxException {
        Segmenter segmenter = new Segmenter(1.0, new Numbering(50, 500, 0), CLOCK, output);
        Fixtures.run(segmenter, Fixtures.boxes("av-h264.mp4"));
        Fixtures.run(segmenter, Fixtures.boxes("late-keyframe.mp4"));
        Fixtures.run(segmenter, Fixtures.boxes("camera-h264.mp4"));
        assertTrue(playlists.size() > 60, playlists.size() + " playlists");
        for (int i = 0; i < playlists.size(); i++) {
            LlPlaylistChecker.check(playlists.get(i), keyframes::contains);
            if (i > 0) {
                LlPlaylistChecker.checkSuccession(playlists.get(i - 1), playlists.get(i));
            }
        }
    }

    @Test
    void theTagsTargetsAndUris() throws MalformedBoxException {
        Segmenter segmenter = new Segmenter(1.0, new Numbering(50, 500, 0), CLOCK, output);
        List<Box> boxes = Fixtures.boxes("av-h264.mp4");
        Fixtures.run(segmenter, boxes);
        for (Box box : boxes.subList(0, 6)) {
            segmenter.accept(box); // the next run: two parts
        }
        String text = playlists.get(playlists.size() - 1);
        assertTrue(text.startsWith("""
                #EXTM3U
                #EXT-X-VERSION:6
                #EXT-X-TARGETDURATION:1
                #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.600
                #EXT-X-PART-INF:PART-TARGET=0.200
                #EXT-X-MEDIA-SEQUENCE:50
                #EXT-X-DISCONTINUITY-SEQUENCE:0
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MAP:URI="init0.mp4?token=abc"
                #EXT-X-PROGRAM-DATE-TIME:2026-12-01T11:59:59.800Z
                #EXTINF:1.00000,
                seg50.m4s?token=abc
                """), "1.064 s rounds to 1:\n" + text);
        assertTrue(text.contains("""
                #EXTINF:1.06400,
                seg53.m4s?token=abc
                #EXT-X-DISCONTINUITY
                #EXT-X-MAP:URI="init1.mp4?token=abc"
                #EXT-X-PROGRAM-DATE-TIME:2026-12-01T11:59:59.800Z
                #EXT-X-PART:DURATION=0.20000,URI="part521.m4s?token=abc",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.20000,URI="part522.m4s?token=abc"
                #EXT-X-PRELOAD-HINT:TYPE=PART,URI="part523.m4s?token=abc"
                """), text);
        LlPlaylist p = LlPlaylist.parse(text);
        assertEquals(List.of(0, 0, 5, 6, 2), p.segments().stream().map(s -> s.parts().size()).toList(),
                "parts for the two newest complete segments (the last with its audio-only part) and the open one");
        assertTrue(p.uris().stream().allMatch(u -> u.endsWith("?token=abc")), p.uris().toString());
        assertFalse(writer.write(window.snapshot(), null).contains("?"), "no query, no ?");
    }

    @Test
    void targetsComeFromTheRealDurations() throws MalformedBoxException {
        Segmenter late = new Segmenter(1.0, Numbering.zero(), CLOCK, output);
        Fixtures.run(late, Fixtures.boxes("late-keyframe.mp4"));
        assertTrue(last().contains("#EXT-X-TARGETDURATION:2\n"), "a 1.8 s segment: " + last());
        LlPlaylistWriter fresh = new LlPlaylistWriter(SETTINGS);
        MediaWindow oneSecond = new MediaWindow(4, 2, 5, Numbering.zero());
        Fixtures.run(new Segmenter(1.0, Numbering.zero(), CLOCK, oneSecond), Fixtures.boxes("camera-h264.mp4"));
        assertTrue(fresh.write(oneSecond.snapshot(), "").contains("#EXT-X-TARGETDURATION:1\n"),
                "the camera's first segment of 1.137 s rounds to 1");
        assertTrue(writer.write(oneSecond.snapshot(), "").contains("#EXT-X-TARGETDURATION:2\n"),
                "a writer never lowers the target it has written");
        assertTrue(new LlPlaylistWriter(new PlaylistSettings(1.5, 0.2, 2)).write(oneSecond.snapshot(), "")
                .contains("#EXT-X-TARGETDURATION:2\n"), "a configured 1.5 s rounds up");
        MediaWindow audioWindow = new MediaWindow(4, 2, 5, Numbering.zero());
        Fixtures.run(new Segmenter(1.0, Numbering.zero(), CLOCK, audioWindow), Fixtures.boxes("audio-only.mp4"));
        String audio = writer.write(audioWindow.snapshot(), "");
        assertTrue(audio.contains("PART-HOLD-BACK=0.642\n#EXT-X-PART-INF:PART-TARGET=0.214\n"),
                "AAC parts of 10 x 1024 samples at 48 kHz last 0.2133 s:\n" + audio);
        LlPlaylistChecker.check(audio);
    }

    @Test
    void aStreamThatStartsMidGopIsStillIndependentSegments() throws MalformedBoxException {
        List<Box> boxes = new ArrayList<>(Fixtures.boxes("video-only.mp4"));
        boxes.subList(2, 6).clear();
        Fixtures.run(new Segmenter(1.0, Numbering.zero(), CLOCK, output), boxes);
        assertTrue(last().contains("#EXT-X-INDEPENDENT-SEGMENTS\n"), last());
    }

    @Test
    void nothingToListOrAQueryThatWouldBreakThePlaylistIsRefused() throws MalformedBoxException {
        assertThrows(IllegalStateException.class, () -> writer.write(window.snapshot(), ""));
        Fixtures.run(new Segmenter(1.0, new Numbering(50, 500, 0), CLOCK, window), Fixtures.boxes("av-h264.mp4"));
        for (String bad : List.of("a\"b", "a\nb", "a b", "a#b")) {
            assertThrows(IllegalArgumentException.class, () -> writer.write(window.snapshot(), bad), bad);
        }
    }

    @Test
    void aDeltaUpdateSkipsTheSegmentsBeyondTheSkipBoundaryAndListsTheSameTail() throws MalformedBoxException {
        MediaWindow long12 = new MediaWindow(12, 2, 5, new Numbering(50, 500, 0));
        Segmenter segmenter = new Segmenter(1.0, new Numbering(50, 500, 0), CLOCK, long12);
        for (int run = 0; run < 4; run++) {
            Fixtures.run(segmenter, Fixtures.boxes("av-h264.mp4"));
        }
        List<Box> boxes = Fixtures.boxes("av-h264.mp4");
        for (Box box : boxes.subList(0, 8)) {
            segmenter.accept(box);
        }
        LlPlaylistWriter deltas = new LlPlaylistWriter(new PlaylistSettings(1.0, 0.2, 2, 6.0));
        String full = deltas.write(long12.snapshot(), "t=1");
        String delta = deltas.write(long12.snapshot(), "t=1", true);
        assertTrue(full.contains("#EXT-X-VERSION:9\n") && full.contains(",CAN-SKIP-UNTIL=6.000\n"), full);
        assertFalse(full.contains("#EXT-X-SKIP"), full);
        LlPlaylist whole = LlPlaylist.parse(full);
        LlPlaylist skipped = LlPlaylist.parse(delta);
        assertEquals(12 + 1, whole.segments().size());
        assertTrue(skipped.skipped() > 0, delta);
        assertEquals(whole.segments().size(), skipped.skipped() + skipped.segments().size());
        for (int i = 0; i < skipped.segments().size(); i++) {
            LlPlaylist.Entry a = whole.segments().get(skipped.skipped() + i);
            LlPlaylist.Entry b = skipped.segments().get(i);
            assertEquals(java.util.Arrays.asList(a.msn(), a.uri(), a.parts()),
                    java.util.Arrays.asList(b.msn(), b.uri(), b.parts()));
        }
        double kept = skipped.segments().stream().mapToDouble(e -> e.extinf() != null ? e.extinf()
                : e.parts().stream().mapToDouble(LlPlaylist.PartLine::duration).sum()).sum();
        assertTrue(kept >= 6.0 && kept < 6.0 + 1.1, "what is left spans the skip boundary: " + kept + " s");
        assertTrue(delta.contains("#EXT-X-SKIP:SKIPPED-SEGMENTS=" + skipped.skipped() + "\n#EXT-X-MAP:URI=\"init"),
                "the MAP comes again after the skip:\n" + delta);
        for (String playlist : List.of(full, delta)) {
            LlPlaylistChecker.check(playlist);
        }
        LlPlaylistChecker.checkSuccession(full, delta);
        LlPlaylistChecker.checkSuccession(delta, full);
        LlPlaylistWriter tooShort = new LlPlaylistWriter(new PlaylistSettings(1.0, 0.2, 2, 5.0));
        String plain = tooShort.write(long12.snapshot(), "", true);
        assertFalse(plain.contains("CAN-SKIP-UNTIL") || plain.contains("#EXT-X-SKIP"),
                "a skip boundary below 6 target durations is not offered:\n" + plain);
    }

    @Test
    void decimalsAreWrittenAsFormatWouldWriteThem() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 10_000; i++) {
            double d = random.nextInt(4) == 0 ? random.nextInt(3000) / 1000.0 : random.nextDouble() * 12;
            assertEquals(String.format(java.util.Locale.ROOT, "%.5f", d), LlPlaylistWriter.decimal(d, 5), "" + d);
            assertEquals(String.format(java.util.Locale.ROOT, "%.3f", d), LlPlaylistWriter.decimal(d, 3), "" + d);
        }
        assertEquals("0.200", LlPlaylistWriter.decimal(0.19999999, 3));
        assertEquals("1.06400", LlPlaylistWriter.decimal(1.064, 5));
    }

    private String last() {
        return playlists.get(playlists.size() - 1);
    }
}
