package org.hlsgateway.packaging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hlsgateway.packaging.entity.Box;
import org.hlsgateway.packaging.entity.Fragment;
import org.hlsgateway.packaging.entity.Movie;
import org.hlsgateway.packaging.entity.Track;
import org.hlsgateway.packaging.entity.TrackRun;
import org.junit.jupiter.api.Test;

class FragmentParserTest {

    private static final int SYNC = 0x02000000;
    private static final int NON_SYNC = 0x01010000;

    @Test
    void trunSampleSizesAddUpToEachMdatAndTimesFollowOn() throws MalformedBoxException {
        for (String name : Fixtures.ALL) {
            List<Box> boxes = Fixtures.boxes(name);
            List<Fragment> fragments = fragments(name);
            java.util.Map<Long, Long> next = new java.util.HashMap<>();
            for (int i = 0; i < fragments.size(); i++) {
                Fragment f = fragments.get(i);
                Box mdat = boxes.get(3 + 2 * i);
                assertEquals(mdat.size() - 8, f.runs().stream().mapToLong(TrackRun::sizeBytes).sum(),
                        name + " fragment " + i);
                assertEquals(i + 1, f.sequence(), name);
                for (TrackRun run : f.runs()) {
                    Long expected = next.put(run.trackId(), run.baseDecodeTime() + run.durationTicks());
                    if (expected != null) {
                        assertEquals(expected, run.baseDecodeTime(), name + " fragment " + i + " track "
                                + run.trackId() + " starts where it ended before");
                    }
                }
            }
            double total = fragments.stream().filter(f -> f.video().isPresent() || !f.movieHasVideo())
                    .mapToDouble(Fragment::durationSeconds).sum();
            assertEquals(4.0, total, 0.2, name + ": 4 s recorded (-t 4 on a copied camera stream ends at a frame)");
        }
    }

    @Test
    void keyframesAreWhereTheRecordingsPutThem() throws MalformedBoxException {
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0), independentStarts("av-h264.mp4"));
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0), independentStarts("video-only.mp4"));
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0), independentStarts("hevc-hvc1.mp4"));
        assertEquals(List.of(0.0, 1.6, 2.2, 3.4), independentStarts("late-keyframe.mp4"));
        List<Double> camera = independentStarts("camera-h264.mp4");
        assertEquals(4, camera.size(), "the camera's 1 s GOP over 4 s: " + camera);
        for (int i = 2; i < camera.size(); i++) {
            assertEquals(1.0, camera.get(i) - camera.get(i - 1), 0.002, "a keyframe a second: " + camera);
        }
        List<Fragment> audio = fragments("audio-only.mp4");
        assertTrue(audio.stream().allMatch(Fragment::independent), "audio only: every fragment independent");
    }

    @Test
    void videoFragmentsLastAtMostFfmpegsFragDuration() throws MalformedBoxException {
        for (String name : List.of("av-h264.mp4", "video-only.mp4", "hevc-hvc1.mp4", "late-keyframe.mp4")) {
            List<Fragment> fragments = fragments(name);
            for (Fragment f : fragments.subList(0, fragments.size() - 1)) {
                assertTrue(f.durationSeconds() <= 0.2 + 1e-9, name + ": " + f.durationSeconds());
                assertTrue(f.video().isPresent(), name);
            }
            Fragment last = fragments.get(fragments.size() - 1);
            assertTrue(last.video().isPresent() || !last.independent(), name + ": FFmpeg's last fragment may hold"
                    + " only the audio after the last picture, and then it is not independent");
        }
    }

    @Test
    void tfhdDefaultsFirstSampleFlagsAndTfdtVersion0() throws MalformedBoxException {
        Movie movie = new Movie(List.of(new Track(1, "vide", 90000, "avc1", 1, 1, NON_SYNC)));
        byte[] tfhd = Bmff.full("tfhd", 0, 0x08 | 0x10 | 0x20, 1, 3600, 500, NON_SYNC);
        byte[] tfdt = Bmff.full("tfdt", 0, 0, 180000);
        byte[] trun = Bmff.full("trun", 0, 0x1 | 0x4, 5, 120, SYNC);
        Fragment f = parse(movie, Bmff.box("traf", tfhd, tfdt, trun));
        assertEquals(new TrackRun(1, "vide", 90000, 180000, 5, 18000, 2500, SYNC), f.runs().get(0));
        assertEquals(2.0, f.startSeconds());
        assertEquals(0.2, f.durationSeconds(), 1e-9);
        assertTrue(f.independent());
        Fragment noFirstFlags = parse(movie, Bmff.box("traf", tfhd, tfdt, Bmff.full("trun", 0, 0, 5)));
        assertFalse(noFirstFlags.independent(), "the tfhd default says non-sync");
    }

    @Test
    void trexDefaultsPerSampleFieldsAndTfdtVersion1() throws MalformedBoxException {
        Movie movie = new Movie(List.of(new Track(2, "soun", 48000, "mp4a", 1024, 7, SYNC),
                new Track(3, "vide", 90000, "avc1", 3600, 9, SYNC)));
        byte[] audio = Bmff.box("traf", Bmff.full("tfhd", 0, 0x20000, 2),
                Bmff.sized("tfdt", 1, 0, 8, 48000L * 100_000), Bmff.full("trun", 0, 0, 3));
        byte[] video = Bmff.box("traf", Bmff.full("tfhd", 0, 0, 3), Bmff.full("tfdt", 0, 0, 0),
                Bmff.full("trun", 1, 0x100 | 0x200 | 0x400 | 0x800, 2, 3000, 100, NON_SYNC, -3000, 3600, 50, SYNC, 0));
        Fragment f = parse(movie, audio, video);
        assertEquals(new TrackRun(2, "soun", 48000, 4_800_000_000L, 3, 3072, 21, SYNC), f.runs().get(0));
        assertEquals(new TrackRun(3, "vide", 90000, 0, 2, 6600, 150, NON_SYNC), f.runs().get(1));
        assertFalse(f.independent(), "the first video sample is not a sync sample");
        assertEquals(f.runs().get(1), f.lead());
    }

    @Test
    void anAudioOnlyFragmentInAStreamWithVideoIsNotIndependent() throws MalformedBoxException {
        Movie movie = new Movie(List.of(new Track(1, "vide", 90000, "avc1", 3600, 9, SYNC),
                new Track(2, "soun", 48000, "mp4a", 1024, 7, SYNC)));
        Fragment f = parse(movie, Bmff.box("traf", Bmff.full("tfhd", 0, 0, 2), Bmff.full("trun", 0, 0, 4)));
        assertFalse(f.independent());
        assertEquals(4096.0 / 48000, f.durationSeconds(), 1e-9, "timed by its audio");
    }

    @Test
    void brokenFragmentsNameTheProblem() {
        Movie movie = new Movie(List.of(new Track(1, "vide", 90000, "avc1", 3600, 9, SYNC)));
        assertProblem("names track 9, which the 'moov' does not have",
                () -> parse(movie, Bmff.box("traf", Bmff.full("tfhd", 0, 0, 9))));
        assertProblem("claims 4294967295 samples",
                () -> parse(movie, Bmff.box("traf", Bmff.full("tfhd", 0, 0, 1), Bmff.full("trun", 0, 0, -1))));
        assertProblem("'trun' ends after 0 more bytes where 4 are needed", () -> parse(movie,
                Bmff.box("traf", Bmff.full("tfhd", 0, 0, 1), Bmff.full("trun", 0, 0x300, 3, 1, 2, 3, 4))));
        assertProblem("has no 'traf'", () -> parse(movie));
        assertProblem("'moof' has no 'mfhd' box", () -> FragmentParser.parse(Bmff.top(Bmff.box("moof")), movie));
    }

    static List<Fragment> fragments(String name) throws MalformedBoxException {
        List<Box> boxes = Fixtures.boxes(name);
        Movie movie = MovieParser.parse(boxes.get(1));
        List<Fragment> fragments = new ArrayList<>();
        for (Box box : boxes) {
            if (box.type().equals("moof")) {
                fragments.add(FragmentParser.parse(box, movie));
            }
        }
        return fragments;
    }

    private static List<Double> independentStarts(String name) throws MalformedBoxException {
        List<Fragment> fragments = fragments(name);
        double first = fragments.get(0).startSeconds();
        return fragments.stream().filter(Fragment::independent)
                .map(f -> Math.round((f.startSeconds() - first) * 1000) / 1000.0).toList();
    }

    private static Fragment parse(Movie movie, byte[]... trafs) throws MalformedBoxException {
        byte[][] children = new byte[trafs.length + 1][];
        children[0] = Bmff.full("mfhd", 0, 0, 1);
        System.arraycopy(trafs, 0, children, 1, trafs.length);
        return FragmentParser.parse(Bmff.top(Bmff.box("moof", children)), movie);
    }

    private static void assertProblem(String problem, org.junit.jupiter.api.function.Executable parse) {
        MalformedBoxException e = assertThrows(MalformedBoxException.class, parse);
        assertTrue(e.getMessage().contains(problem) && e.getMessage().matches("malformed fMP4 at byte \\d+: .*"),
                e.getMessage());
    }
}
