package org.hlsgateway.packaging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hlsgateway.packaging.entity.Box;
import org.hlsgateway.packaging.entity.Movie;
import org.hlsgateway.packaging.entity.Track;
import org.junit.jupiter.api.Test;

class MovieParserTest {

    @Test
    void theTracksOfEachRecordingAreFound() throws MalformedBoxException {
        assertEquals(List.of("vide avc1", "soun mp4a"), tracks("av-h264.mp4"));
        assertEquals(List.of("vide avc1"), tracks("video-only.mp4"));
        assertEquals(List.of("soun mp4a"), tracks("audio-only.mp4"));
        assertEquals(List.of("vide hvc1"), tracks("hevc-hvc1.mp4"));
    }

    @Test
    void idsTimescalesAndTrexDefaultsAreRead() throws MalformedBoxException {
        Movie movie = MovieParser.parse(Fixtures.boxes("av-h264.mp4").get(1));
        Track video = movie.tracks().get(0);
        Track audio = movie.tracks().get(1);
        assertEquals(List.of(1L, 2L), movie.tracks().stream().map(Track::id).toList());
        assertEquals(48000, audio.timescale(), "AAC at 48 kHz keeps its sample rate as timescale");
        assertTrue(video.timescale() >= 25, "video timescale " + video.timescale());
        assertTrue(movie.hasVideo());
        assertEquals(movie.tracks().get(1), movie.track(2).orElseThrow());
    }

    @Test
    void aHandBuiltMoovWithVersion1HeadersAndTrex() throws MalformedBoxException {
        byte[] trak = Bmff.box("trak", Bmff.sized("tkhd", 1, 3, 8, 0, 0, 7L << 32),
                Bmff.box("mdia", Bmff.sized("mdhd", 1, 0, 8, 0, 0, 90000L << 32), Bmff.box("hdlr",
                        Bmff.ints(0, 0, 0x76696465)), Bmff.box("minf", Bmff.box("stbl", Bmff.box("stsd",
                                Bmff.ints(0, 1), Bmff.box("hev1", new byte[8]))))));
        byte[] mvex = Bmff.box("mvex", Bmff.full("trex", 0, 0, 7, 1, 3000, 1234, 0x01010000));
        Movie movie = MovieParser.parse(Bmff.top(Bmff.box("moov", Bmff.box("mvhd", new byte[100]), trak, mvex)));
        assertEquals(List.of(new Track(7, "vide", 90000, "hev1", 3000, 1234, 0x01010000)), movie.tracks());
    }

    @Test
    void aMoovWithoutTracksOrWithABrokenChildIsRefused() {
        MalformedBoxException e = assertThrows(MalformedBoxException.class,
                () -> MovieParser.parse(Bmff.top(Bmff.box("moov", Bmff.box("mvhd", new byte[100])))));
        assertTrue(e.getMessage().contains("'moov' has no track"), e.getMessage());
        Box moov = Fixtures.boxes("video-only.mp4").get(1);
        byte[] cut = java.util.Arrays.copyOf(moov.bytes(), moov.size() - 40);
        java.nio.ByteBuffer.wrap(cut).putInt(cut.length);
        e = assertThrows(MalformedBoxException.class, () -> MovieParser.parse(new Box("moov", 28, 8, cut)));
        assertTrue(e.getMessage().matches("malformed fMP4 at byte \\d+: box '\\w+' inside '\\w+' has size .*"),
                e.getMessage());
    }

    private static List<String> tracks(String fixture) throws MalformedBoxException {
        return MovieParser.parse(Fixtures.boxes(fixture).get(1)).tracks().stream()
                .map(t -> t.handler() + " " + t.codec()).toList();
    }
}
