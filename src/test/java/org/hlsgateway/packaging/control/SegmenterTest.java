package org.hlsgateway.packaging.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hlsgateway.packaging.entity.Box;
import org.hlsgateway.packaging.entity.Numbering;
import org.hlsgateway.packaging.entity.Part;
import org.hlsgateway.packaging.entity.Segment;
import org.junit.jupiter.api.Test;

class SegmenterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final Recorded out = new Recorded();

    @Test
    void aOneSecondGopMakesOneSecondSegmentsOfFiveIndependentFirstParts() throws MalformedBoxException {
        segment("av-h264.mp4", 1.0, new Numbering(1000, 5000, 7));
        assertEquals(List.of(1.0, 1.0, 1.0), out.durations().subList(0, 3));
        assertEquals(1.064, out.durations().get(3), "the last holds FFmpeg's audio-only last fragment, timed by audio");
        for (int i = 0; i < 4; i++) {
            Segment s = out.segments.get(i);
            assertEquals(1000 + i, s.msn());
            assertEquals(7, s.discontinuity());
            assertFalse(s.discontinuous(), "the first run of a segmenter is no discontinuity");
            assertTrue(s.startsIndependent());
            assertTrue(s.parts().stream().skip(1).noneMatch(Part::independent), s.parts().toString());
            for (int p = 0; p < s.parts().size(); p++) {
                assertEquals(p, s.parts().get(p).index());
                assertEquals(s.msn(), s.parts().get(p).msn());
            }
        }
        assertEquals(5, out.segments.get(0).parts().size());
        List<Long> numbers = out.parts.stream().map(Part::number).toList();
        assertEquals(5000, numbers.get(0));
        for (int i = 1; i < numbers.size(); i++) {
            assertEquals(numbers.get(i - 1) + 1, numbers.get(i), "part numbers run on");
        }
    }

    @Test
    void thePartsHoldEveryByteAfterTheInitSectionAndTheInitSectionIsFtypAndMoov() throws MalformedBoxException {
        for (String name : Fixtures.ALL) {
            Recorded recorded = new Recorded();
            List<Box> boxes = Fixtures.boxes(name);
            Fixtures.run(new Segmenter(1.0, Numbering.zero(), CLOCK, recorded), boxes);
            byte[] media = Fixtures.concat(boxes.subList(2, boxes.size() - 1).stream().map(Box::bytes).toList());
            assertArrayEquals(media, Fixtures.concat(recorded.parts.stream().map(Part::bytes).toList()), name);
            assertArrayEquals(Fixtures.concat(List.of(boxes.get(0).bytes(), boxes.get(1).bytes())),
                    recorded.segments.get(0).init().bytes(), name);
            assertEquals(recorded.parts.size(), recorded.segments.stream().mapToInt(s -> s.parts().size()).sum());
        }
    }

    @Test
    void aLateKeyframeEndsTheSegmentOnlyOnceTheTargetHasPassed() throws MalformedBoxException {
        segment("late-keyframe.mp4", 1.0, Numbering.zero());
        // keyframes at 0, 1.6, 2.2 and 3.4 s: 2.2 comes 0.6 s into a segment, so it does not start one
        assertEquals(3, out.segments.size(), out.durations().toString());
        assertEquals(1.6, out.durations().get(0), 0.001);
        assertEquals(1.8, out.durations().get(1), 0.001);
        Segment second = out.segments.get(1);
        List<Integer> independent = second.parts().stream().filter(Part::independent).map(Part::index).toList();
        assertEquals(2, independent.size(), "the 2.2 s keyframe is an independent part inside: " + second.parts());
        assertEquals(0, independent.get(0));
    }

    @Test
    void theCamerasFirstGopIsLongerThanASecondAndItsPartsFollowItsTimestamps() throws MalformedBoxException {
        segment("camera-h264.mp4", 1.0, Numbering.zero());
        List<Double> durations = out.durations();
        assertEquals(1.137, durations.get(0), 0.001, "the recording starts 0.137 s before its first GOP's end");
        durations.subList(1, durations.size() - 1).forEach(d -> assertEquals(1.0, d, 0.001, durations.toString()));
        assertTrue(out.segments.stream().allMatch(Segment::startsIndependent));
        assertEquals(List.of("avc1", "mp4a"), out.segments.get(0).init().movie().codecs());
    }

    @Test
    void twoSecondSegmentsVideoOnlyAudioOnlyAndHevc() throws MalformedBoxException {
        segment("video-only.mp4", 2.0, Numbering.zero());
        assertEquals(List.of(2.0, 2.0), out.durations());
        Recorded audio = new Recorded();
        Fixtures.run(new Segmenter(1.0, Numbering.zero(), CLOCK, audio), Fixtures.boxes("audio-only.mp4"));
        assertTrue(audio.parts.stream().allMatch(Part::independent));
        assertTrue(audio.segments.size() >= 3, audio.durations().toString());
        audio.segments.subList(0, audio.segments.size() - 1).forEach(s -> assertEquals(1.0, s.duration(), 0.11,
                "an audio segment ends at the first part past 1 s"));
        Recorded hevc = new Recorded();
        Fixtures.run(new Segmenter(1.0, Numbering.zero(), CLOCK, hevc), Fixtures.boxes("hevc-hvc1.mp4"));
        assertEquals(List.of("hvc1"), hevc.segments.get(0).init().movie().codecs());
        assertEquals(List.of(1.0, 1.0, 1.0, 1.0), hevc.durations());
    }

    @Test
    void aNewRunStartsADiscontinuityAndTheNumbersRunOn() throws MalformedBoxException {
        Segmenter segmenter = new Segmenter(1.0, new Numbering(40, 400, 3), CLOCK, out);
        Fixtures.run(segmenter, Fixtures.boxes("av-h264.mp4"));
        List<Box> again = Fixtures.boxes("video-only.mp4");
        for (Box box : again) {
            segmenter.accept(box); // no endOfRun between: the new ftyp and moov say it
        }
        segmenter.accept(again.get(0));
        segmenter.accept(again.get(1));
        segmenter.accept(again.get(2));
        segmenter.accept(again.get(3));
        segmenter.endOfRun();
        List<Long> msns = out.segments.stream().map(Segment::msn).toList();
        assertEquals(List.of(40L, 41L, 42L, 43L, 44L, 45L, 46L, 47L, 48L), msns);
        List<Long> discontinuities = out.segments.stream().map(Segment::discontinuity).toList();
        assertEquals(List.of(3L, 3L, 3L, 3L, 4L, 4L, 4L, 4L, 5L), discontinuities);
        assertEquals(List.of(4, 8), indexesWhere(out.segments, Segment::discontinuous));
        assertNotSame(out.segments.get(3).init(), out.segments.get(4).init());
        assertEquals(4, out.segments.get(4).init().discontinuity());
        assertEquals(List.of("avc1"), out.segments.get(4).init().movie().codecs());
        for (int i = 1; i < out.parts.size(); i++) {
            assertEquals(out.parts.get(i - 1).number() + 1, out.parts.get(i).number());
        }
    }

    @Test
    void aRunThatBeginsMidGopDropsPartsUpToItsFirstKeyframe() throws MalformedBoxException {
        List<Box> boxes = new ArrayList<>(Fixtures.boxes("av-h264.mp4"));
        boxes.subList(2, 4).clear(); // the first moof and mdat: the stream starts 0.2 s into a GOP
        Segmenter segmenter = new Segmenter(1.0, Numbering.zero(), CLOCK, out);
        Fixtures.run(segmenter, boxes);
        assertEquals(4, segmenter.dropped());
        assertTrue(out.parts.get(0).independent());
        assertEquals(1.0, out.parts.get(0).start() - boxesStart(), 0.001);
    }

    @Test
    void programDateTimeFollowsTheMediaFromTheFirstPartsArrival() throws MalformedBoxException {
        segment("av-h264.mp4", 1.0, Numbering.zero());
        Instant first = out.segments.get(0).programDateTime();
        assertEquals(NOW.minus(Duration.ofMillis(200)), first, "the first part ends as it arrives");
        for (int i = 1; i < out.segments.size(); i++) {
            assertEquals(first.plusSeconds(i), out.segments.get(i).programDateTime());
        }
    }

    @Test
    void randomPipeReadsMakeTheSameParts() throws MalformedBoxException {
        byte[] file = Fixtures.bytes("late-keyframe.mp4");
        segment("late-keyframe.mp4", 1.0, Numbering.zero());
        Recorded chunked = new Recorded();
        Fixtures.run(new Segmenter(1.0, Numbering.zero(), CLOCK, chunked), Fixtures.chunked(file, 3000, 7));
        assertEquals(out.events, chunked.events);
        assertEquals(out.parts.stream().map(Part::toString).toList(),
                chunked.parts.stream().map(Part::toString).toList());
    }

    @Test
    void boxesOutOfOrderAreRefused() throws MalformedBoxException {
        List<Box> boxes = Fixtures.boxes("av-h264.mp4");
        Segmenter segmenter = new Segmenter(1.0, Numbering.zero(), CLOCK, out);
        MalformedBoxException e = assertThrows(MalformedBoxException.class, () -> segmenter.accept(boxes.get(2)));
        assertTrue(e.getMessage().contains("'moof' before any 'moov'"), e.getMessage());
        segmenter.accept(boxes.get(0));
        segmenter.accept(boxes.get(1));
        e = assertThrows(MalformedBoxException.class, () -> segmenter.accept(boxes.get(3)));
        assertTrue(e.getMessage().contains("'mdat' with no 'moof' before it"), e.getMessage());
        segmenter.accept(boxes.get(2));
        e = assertThrows(MalformedBoxException.class, () -> segmenter.accept(boxes.get(4)));
        assertTrue(e.getMessage().contains("after a 'moof' with no 'mdat'"), e.getMessage());
    }

    @Test
    void corruptBytesEndInAMalformedBoxOrInPartsNeverInAnotherError() {
        byte[] file = Fixtures.bytes("av-h264.mp4");
        Random random = new Random(2026);
        int malformed = 0;
        for (int round = 0; round < 300; round++) {
            byte[] bad = file.clone();
            for (int flips = 0; flips < 1 + random.nextInt(4); flips++) {
                bad[random.nextInt(2000 + random.nextInt(bad.length - 2000))] = (byte) random.nextInt(256);
            }
            try {
                Fixtures.run(new Segmenter(1.0, Numbering.zero(), CLOCK, new Recorded()),
                        Fixtures.chunked(bad, 5000, round));
            } catch (MalformedBoxException expected) {
                malformed++;
            }
        }
        assertTrue(malformed > 10, "corruption in headers is noticed: " + malformed + " of 300");
    }

    private void segment(String name, double seconds, Numbering numbering) throws MalformedBoxException {
        Fixtures.run(new Segmenter(seconds, numbering, CLOCK, out), Fixtures.boxes(name));
    }

    private static double boxesStart() throws MalformedBoxException {
        return FragmentParserTest.fragments("av-h264.mp4").get(0).startSeconds();
    }

    private static <T> List<Integer> indexesWhere(List<T> list, java.util.function.Predicate<T> test) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (test.test(list.get(i))) {
                found.add(i);
            }
        }
        return found;
    }
}
