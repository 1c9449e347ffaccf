package org.hlsgateway.packaging.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hlsgateway.packaging.entity.Box;
import org.hlsgateway.packaging.entity.Movie;
import org.hlsgateway.packaging.entity.Track;

/** Reads the tracks of a {@code moov}: {@code tkhd}, {@code mdhd}, {@code hdlr}, {@code stsd} and {@code mvex/trex}. */
public final class MovieParser {

    private MovieParser() {
    }

    public static Movie parse(Box moov) throws MalformedBoxException {
        if (!moov.type().equals("moov")) {
            throw new MalformedBoxException(moov.offset(), "expected 'moov', got '" + moov.type() + "'");
        }
        BoxCursor movie = BoxCursor.of(moov);
        Map<Long, long[]> defaults = new HashMap<>();
        for (BoxCursor mvex : movie.children("mvex")) {
            for (BoxCursor trex : mvex.children("trex")) {
                trex.u32(); // version and flags
                long trackId = trex.u32();
                trex.u32(); // default_sample_description_index
                defaults.put(trackId, new long[] {trex.u32(), trex.u32(), trex.u32()});
            }
        }
        List<Track> tracks = new ArrayList<>();
        for (BoxCursor trak : movie.children("trak")) {
            tracks.add(track(trak, defaults));
        }
        if (tracks.isEmpty()) {
            throw new MalformedBoxException(moov.offset(), "'moov' has no track");
        }
        return new Movie(tracks);
    }

    private static Track track(BoxCursor trak, Map<Long, long[]> defaults) throws MalformedBoxException {
        BoxCursor tkhd = trak.child("tkhd");
        int version = tkhd.u8();
        tkhd.skip(3 + (version == 1 ? 16 : 8)); // flags, creation and modification times
        long id = tkhd.u32();
        BoxCursor mdia = trak.child("mdia");
        BoxCursor mdhd = mdia.child("mdhd");
        version = mdhd.u8();
        mdhd.skip(3 + (version == 1 ? 16 : 8));
        long timescale = mdhd.u32();
        if (timescale == 0) {
            throw new MalformedBoxException(mdhd.offset() - 4, "track " + id + " has timescale 0");
        }
        BoxCursor hdlr = mdia.child("hdlr");
        hdlr.skip(8); // version, flags, pre_defined
        String handler = hdlr.fourcc();
        BoxCursor stsd = mdia.path("minf", "stbl", "stsd");
        stsd.skip(4);
        String codec = stsd.u32() > 0 ? stsd.nextChild().type() : "none";
        long[] d = defaults.getOrDefault(id, new long[3]);
        return new Track(id, handler, timescale, codec, d[0], d[1], (int) d[2]);
    }
}
