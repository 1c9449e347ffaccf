package org.hlsgateway.packaging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hlsgateway.packaging.entity.Box;
import org.hlsgateway.packaging.entity.Numbering;
import org.hlsgateway.packaging.entity.Segment;
import org.hlsgateway.packaging.entity.WindowSnapshot;
import org.junit.jupiter.api.Test;

class MediaWindowTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private static final List<Box> RUN = Fixtures.boxes("av-h264.mp4");

    private final MediaWindow window = new MediaWindow(3, 2, 5, new Numbering(100, 1000, 0));
    private final Segmenter segmenter = new Segmenter(1.0, new Numbering(100, 1000, 0), CLOCK, window);

    @Test
    void itListsTheNewestSegmentsKeepsTheRetainedOnesAndForgetsTheRest() throws MalformedBoxException {
        Fixtures.run(segmenter, RUN); // segments 100-103
        Fixtures.run(segmenter, RUN); // 104-107, a discontinuity
        WindowSnapshot snapshot = window.snapshot();
        assertEquals(List.of(105L, 106L, 107L), snapshot.segments().stream().map(Segment::msn).toList());
        assertNull(snapshot.open(), "the run ended");
        assertTrue(window.segment(103).isPresent() && window.segment(104).isPresent(), "retained");
        assertFalse(window.segment(102).isPresent(), "beyond the retention");
        long firstKept = window.segment(103).orElseThrow().parts().get(0).number();
        assertTrue(window.part(firstKept).isPresent());
        assertFalse(window.part(firstKept - 1).isPresent(), "parts go with their segment");
        assertTrue(window.init(0).isPresent() && window.init(1).isPresent());
        Fixtures.run(segmenter, RUN); // 108-111
        assertFalse(window.init(0).isPresent(), "no segment kept uses the first run's init section");
        assertEquals(window.segment(111).orElseThrow().init(), window.init(2).orElseThrow());
    }

    @Test
    void aSnapshotIsMadeOncePerChangeAndASegmentsBytesAreItsPartsJoinedOnceUntilItLeaves() throws MalformedBoxException {
        feed(0, 12);
        WindowSnapshot first = window.snapshot();
        assertSame(first, window.snapshot(), "no change, the same snapshot");
        feed(12, 14); // one more moof and mdat: a part
        WindowSnapshot second = window.snapshot();
        assertNotSame(first, second, "a part came: a new snapshot");
        Fixtures.run(segmenter, RUN.subList(14, RUN.size()));
        Segment complete = window.segment(101).orElseThrow();
        byte[] expected = new byte[(int) complete.size()];
        int at = 0;
        for (var part : complete.parts()) {
            System.arraycopy(part.bytes(), 0, expected, at, part.bytes().length);
            at += part.bytes().length;
        }
        byte[] joined = window.segmentBytes(101).orElseThrow();
        assertArrayEquals(expected, joined);
        assertSame(joined, window.segmentBytes(101).orElseThrow(), "joined once");
        Fixtures.run(segmenter, RUN);
        Fixtures.run(segmenter, RUN);
        assertTrue(window.segmentBytes(101).isEmpty(), "gone with its segment");
    }

    @Test
    void theOpenSegmentsPartsAreListedAndFoundByNumberAndPosition() throws MalformedBoxException {
        feed(0, 12); // ftyp, moov and five parts: segment 100 is complete only once the sixth part comes
        WindowSnapshot snapshot = window.snapshot();
        assertEquals(List.of(), snapshot.segments());
        assertEquals(5, snapshot.open().parts().size());
        assertEquals(1005, snapshot.nextPartNumber());
        assertEquals(1004, window.part(100, 4).orElseThrow().number());
        assertTrue(window.part(1004).isPresent());
        assertFalse(window.segment(100).isPresent(), "an open segment is served by its parts only");
        feed(12, 14);
        assertEquals(List.of(100L), window.snapshot().segments().stream().map(Segment::msn).toList());
        assertEquals(101, window.snapshot().open().msn());
    }

    @Test
    void aWaitForTheNextPartCompletesWhenItComesOutsideTheLock() throws Exception {
        feed(0, 6);
        CompletableFuture<Void> hint = window.whenPartNumber(1002);
        AtomicBoolean underLock = new AtomicBoolean(true);
        CompletableFuture<Void> seen = hint.thenRun(() -> underLock.set(Thread.holdsLock(window)));
        assertFalse(hint.isDone());
        feed(6, 8);
        assertTrue(seen.isDone());
        assertFalse(underLock.get(), "a waiting player's code ran while the window was locked");
        assertTrue(window.whenPartNumber(1000).isDone(), "a part that exists needs no wait");
    }

    @Test
    void aWaitForAPositionCompletesOnThatPartOrALaterOne() throws MalformedBoxException {
        feed(0, 4);
        CompletableFuture<Void> third = window.whenPart(100, 2);
        CompletableFuture<Void> beyond = window.whenPart(100, 5); // segment 100 will have only parts 0-4
        CompletableFuture<Void> whole = window.whenSegment(100);
        CompletableFuture<Void> next = window.whenPart(101, 0);
        feed(4, 8);
        assertTrue(third.isDone());
        assertFalse(beyond.isDone() || whole.isDone() || next.isDone());
        feed(8, 14);
        assertTrue(beyond.isDone() && whole.isDone() && next.isDone(), "part 101.0 is later than 100.5");
        assertTrue(window.whenPart(100, 9).isDone() && window.whenSegment(99).isDone());
        assertEquals(0, window.waiting());
    }

    @Test
    void aRequestMoreThanTwoSegmentsAheadIsRefusedAtOnce() throws MalformedBoxException {
        assertFalse(window.whenSegment(101).isDone(), "before any part, 101 is two ahead of 99");
        assertThrows(TooFarAheadException.class, () -> window.whenSegment(102));
        feed(0, 4);
        window.whenPart(102, 0);
        TooFarAheadException e = assertThrows(TooFarAheadException.class, () -> window.whenPart(103, 0));
        assertEquals("_HLS_msn=103 is more than two segments ahead of the newest segment, 100", e.getMessage());
        e = assertThrows(TooFarAheadException.class, () -> window.whenPart(100, 6));
        assertTrue(e.getMessage().contains("_HLS_part=6 is more than 5 parts ahead"), e.getMessage());
        assertThrows(TooFarAheadException.class, () -> window.whenPartNumber(1006));
        assertEquals(2, window.waiting());
    }

    @Test
    void thousandsOfWaitersNeedNoThreadAndTimedOutOnesDoNotPileUp() throws MalformedBoxException {
        feed(0, 4);
        int threads = Thread.activeCount();
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            waiting.add(window.whenPartNumber(1001 + i % 3));
        }
        assertEquals(threads, Thread.activeCount(), "no thread per waiting player");
        waiting.forEach(f -> f.orTimeout(1, TimeUnit.NANOSECONDS));
        waiting.forEach(f -> assertThrows(CompletionException.class, f::join));
        assertEquals(0, window.waiting(), "timed-out waits are dropped");
    }

    @Test
    void closingLetsEveryWaiterGo() throws MalformedBoxException {
        feed(0, 4);
        CompletableFuture<Void> part = window.whenPartNumber(1001);
        CompletableFuture<Void> segment = window.whenSegment(100);
        window.close();
        CancellationException e = assertThrows(CancellationException.class, part::join);
        assertEquals("the channel stopped", e.getMessage());
        assertTrue(segment.isCompletedExceptionally());
        assertTrue(window.whenPartNumber(1001).isCompletedExceptionally());
        assertEquals(0, window.waiting());
    }

    @Test
    void partsAddedFromOneThreadWakeWaitersOnOthers() throws Exception {
        feed(0, 2);
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        long next = 1000;
        Thread feeder = new Thread(() -> {
            try {
                feed(2, RUN.size());
            } catch (MalformedBoxException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 5; i++) {
            waits.add(window.whenPartNumber(next + i));
        }
        feeder.start();
        CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        feeder.join(30_000);
    }

    private void feed(int from, int to) throws MalformedBoxException {
        for (Box box : RUN.subList(from, to)) {
            segmenter.accept(box);
        }
    }
}
