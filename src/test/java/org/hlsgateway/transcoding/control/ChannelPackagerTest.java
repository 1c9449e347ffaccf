package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.hlsgateway.packaging.control.BoxReader;
import org.hlsgateway.packaging.entity.Box;
import org.hlsgateway.packaging.entity.Numbering;
import org.hlsgateway.packaging.entity.Segment;
import org.hlsgateway.packaging.entity.WindowSnapshot;
import org.hlsgateway.testsupport.LlPlaylist;
import org.hlsgateway.testsupport.LlPlaylistChecker;
import org.junit.jupiter.api.Test;

class ChannelPackagerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T18:00:00Z"), ZoneOffset.UTC);

    static byte[] fixture(String name) {
        try (InputStream in = ChannelPackagerTest.class.getResourceAsStream("/fmp4/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Box> boxes(String name) throws Exception {
        byte[] bytes = fixture(name);
        BoxReader reader = new BoxReader();
        List<Box> boxes = reader.feed(bytes, 0, bytes.length);
        reader.finish();
        return boxes;
    }

    private static ChannelPackager packager() {
        return new ChannelPackager(1, 6, new Numbering(1000, 50_000, 7), CLOCK);
    }

    private static int feed(ChannelPackager packager, String run, List<Box> boxes) throws Exception {
        int parts = 0;
        for (Box box : boxes) {
            if (packager.accept(run, box)) {
                parts++;
            }
        }
        return parts;
    }

    @Test
    void aRunOfTheCameraBecomesAPlaylistWithPartsThatPassesTheChecker() throws Exception {
        ChannelPackager packager = packager();
        assertFalse(packager.hasPart());
        assertThrows(IllegalStateException.class, () -> packager.playlist(null, false), "nothing to list yet");

        int parts = feed(packager, "r1", boxes("camera-h264.mp4"));

        assertTrue(parts > 10, "parts: " + parts);
        assertTrue(packager.hasPart());
        String playlist = packager.playlist("token=abc", false);
        LlPlaylistChecker.check(playlist);
        LlPlaylist parsed = LlPlaylist.parse(playlist);
        assertEquals(1000, parsed.mediaSequence());
        assertTrue(playlist.contains("#EXT-X-MAP:URI=\"init7.mp4?token=abc\""), playlist);
        assertTrue(playlist.contains("#EXT-X-PART:DURATION="), playlist);
        assertTrue(playlist.contains("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part" + (50_000 + parts) + ".m4s?token=abc\""),
                playlist);
        assertEquals(1, packager.targetSeconds());
    }

    @Test
    void theNextRunGoesOnWithTheNumbersAfterADiscontinuity() throws Exception {
        ChannelPackager packager = packager();
        List<Box> camera = boxes("camera-h264.mp4");
        int first = feed(packager, "r1", camera);
        WindowSnapshot before = packager.window().snapshot();
        Segment lastOfFirst = before.open();

        int second = feed(packager, "r2", camera); // a restart: same stream, new run

        WindowSnapshot after = packager.window().snapshot();
        Segment firstOfSecond = after.all().stream().filter(s -> s.msn() == lastOfFirst.msn() + 1).findFirst()
                .orElseThrow(() -> new AssertionError("no segment after " + lastOfFirst.msn() + ": " + after));
        assertTrue(firstOfSecond.discontinuous());
        assertEquals(8, firstOfSecond.discontinuity());
        assertEquals(lastOfFirst.parts().get(lastOfFirst.parts().size() - 1).number() + 1,
                firstOfSecond.parts().get(0).number(), "part numbers go on");
        assertEquals(50_000 + first + second, after.nextPartNumber());
        String playlist = packager.playlist(null, false);
        LlPlaylistChecker.check(playlist);
        assertTrue(playlist.contains("#EXT-X-DISCONTINUITY\n"), playlist);
        assertTrue(playlist.contains("init8.mp4"), playlist);
    }

    @Test
    void theEndOfARunCompletesItsOpenSegmentAndALaterRunsEndChangesNothing() throws Exception {
        ChannelPackager packager = packager();
        feed(packager, "r1", boxes("camera-h264.mp4"));
        long open = packager.window().snapshot().open().msn();

        packager.endOfRun("r0"); // not the feeder: nothing happens
        assertEquals(open, packager.window().snapshot().open().msn());

        packager.endOfRun("r1");
        assertEquals(null, packager.window().snapshot().open());
        assertTrue(packager.window().segment(open).isPresent(), "the open segment is complete now");
    }

    @Test
    void blockingWaitersAreReleasedByTheNextPartAndLetGoWhenTheSessionEnds() throws Exception {
        ChannelPackager packager = packager();
        List<Box> camera = boxes("camera-h264.mp4");
        feed(packager, "r1", camera.subList(0, 6));
        long next = packager.window().snapshot().nextPartNumber();
        CompletableFuture<Void> hinted = packager.window().whenPartNumber(next);
        CompletableFuture<Void> later = packager.window().whenPartNumber(next + 5);
        assertFalse(hinted.isDone());

        feed(packager, "r1", camera.subList(6, 8)); // a moof and its mdat

        assertTrue(hinted.isDone());
        assertFalse(later.isDone());
        packager.close();
        CancellationException e = assertThrows(CancellationException.class, later::get);
        assertTrue(e.getMessage().contains("stopped"), e.getMessage());
    }

    @Test
    void numbersFromTheClockNeverGoBack() {
        Numbering earlier = ChannelPackager.numberingAt(1_764_612_000_000L, 1);
        Numbering later = ChannelPackager.numberingAt(1_764_612_000_000L + 1_000, 1);

        assertEquals(1_764_612_000L, earlier.firstMsn());
        assertTrue(later.firstMsn() > earlier.firstMsn());
        assertTrue(later.firstPart() >= earlier.firstPart() + 25, "a second holds at most 25 parts of 40 ms");
        assertTrue(later.firstDiscontinuity() > earlier.firstDiscontinuity());
        assertEquals(1_764_612_000L / 2, ChannelPackager.numberingAt(1_764_612_000_000L, 2).firstMsn());
    }

    @Test
    void theBitrateIsMeasuredFromTheCompleteSegmentsBytesOverTheirDurations() throws Exception {
        ChannelPackager packager = packager();
        assertTrue(packager.bitrateKbps().isEmpty(), "no segment yet");
        feed(packager, "r1", boxes("camera-h264.mp4"));

        List<Segment> complete = packager.window().snapshot().segments();
        double seconds = complete.stream().mapToDouble(Segment::duration).sum();
        long bytes = complete.stream().mapToLong(Segment::size).sum();
        assertFalse(complete.isEmpty());
        assertEquals(Math.round(bytes * 8 / seconds / 1000), (long) packager.bitrateKbps().orElseThrow());
        assertTrue(packager.bitrateKbps().orElseThrow() > 50, "the test camera sends a few hundred kbit/s");
    }
}
