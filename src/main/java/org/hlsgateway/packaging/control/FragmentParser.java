package org.hlsgateway.packaging.control;

import java.util.ArrayList;
import java.util.List;
import org.hlsgateway.packaging.entity.Box;
import org.hlsgateway.packaging.entity.Fragment;
import org.hlsgateway.packaging.entity.Movie;
import org.hlsgateway.packaging.entity.Track;
import org.hlsgateway.packaging.entity.TrackRun;

/**
 * Reads a {@code moof}: {@code mfhd}, and per {@code traf} its {@code tfhd} defaults, {@code tfdt} and every
 * {@code trun}. A sample's duration, size and flags come from the {@code trun}, else {@code tfhd}, else {@code trex}
 * (ISO/IEC 14496-12, 8.8.7 and 8.8.8).
 */
public final class FragmentParser {

    private static final int TFHD_BASE_DATA_OFFSET = 0x1;
    private static final int TFHD_DESCRIPTION_INDEX = 0x2;
    private static final int TFHD_DURATION = 0x8;
    private static final int TFHD_SIZE = 0x10;
    private static final int TFHD_FLAGS = 0x20;
    private static final int TRUN_DATA_OFFSET = 0x1;
    private static final int TRUN_FIRST_FLAGS = 0x4;
    private static final int TRUN_DURATION = 0x100;
    private static final int TRUN_SIZE = 0x200;
    private static final int TRUN_FLAGS = 0x400;
    private static final int TRUN_CTS = 0x800;
    /** Far above FFmpeg's 200 ms fragments even at 240 fps or 192 kHz audio; a corrupt count fails instead. */
    private static final long MAX_SAMPLES = 1 << 20;

    private FragmentParser() {
    }

    public static Fragment parse(Box moof, Movie movie) throws MalformedBoxException {
        if (!moof.type().equals("moof")) {
            throw new MalformedBoxException(moof.offset(), "expected 'moof', got '" + moof.type() + "'");
        }
        BoxCursor fragment = BoxCursor.of(moof);
        BoxCursor mfhd = fragment.child("mfhd");
        mfhd.u32();
        long sequence = mfhd.u32();
        List<TrackRun> runs = new ArrayList<>();
        for (BoxCursor traf : fragment.children("traf")) {
            runs.add(run(traf, movie));
        }
        if (runs.isEmpty()) {
            throw new MalformedBoxException(moof.offset(), "'moof' " + sequence + " has no 'traf'");
        }
        return new Fragment(sequence, runs, movie.hasVideo());
    }

    private static TrackRun run(BoxCursor traf, Movie movie) throws MalformedBoxException {
        BoxCursor tfhd = traf.child("tfhd");
        int flags = tfhd.s32() & 0xffffff;
        long trackId = tfhd.u32();
        Track track = movie.track(trackId).orElseThrow(() -> new MalformedBoxException(tfhd.offset() - 4,
                "'tfhd' names track " + trackId + ", which the 'moov' does not have"));
        if ((flags & TFHD_BASE_DATA_OFFSET) != 0) {
            tfhd.u64();
        }
        if ((flags & TFHD_DESCRIPTION_INDEX) != 0) {
            tfhd.u32();
        }
        long defaultDuration = (flags & TFHD_DURATION) != 0 ? tfhd.u32() : track.defaultSampleDuration();
        long defaultSize = (flags & TFHD_SIZE) != 0 ? tfhd.u32() : track.defaultSampleSize();
        int defaultFlags = (flags & TFHD_FLAGS) != 0 ? tfhd.s32() : track.defaultSampleFlags();
        List<BoxCursor> tfdts = traf.children("tfdt");
        long base = 0;
        if (!tfdts.isEmpty()) {
            BoxCursor tfdt = tfdts.get(0);
            base = tfdt.u8() == 1 ? skipFlags(tfdt).u64() : skipFlags(tfdt).u32();
        }
        int count = 0;
        long duration = 0;
        long size = 0;
        Integer firstFlags = null;
        for (BoxCursor trun : traf.children("trun")) {
            int runFlags = trun.s32() & 0xffffff;
            long samples = trun.u32();
            if (samples > MAX_SAMPLES) {
                throw new MalformedBoxException(trun.offset() - 4, "'trun' of track " + trackId + " claims "
                        + samples + " samples");
            }
            if ((runFlags & TRUN_DATA_OFFSET) != 0) {
                trun.u32();
            }
            Integer first = (runFlags & TRUN_FIRST_FLAGS) != 0 ? trun.s32() : null;
            for (long i = 0; i < samples; i++) {
                duration += (runFlags & TRUN_DURATION) != 0 ? trun.u32() : defaultDuration;
                size += (runFlags & TRUN_SIZE) != 0 ? trun.u32() : defaultSize;
                int sampleFlags = (runFlags & TRUN_FLAGS) != 0 ? trun.s32() : defaultFlags;
                if ((runFlags & TRUN_CTS) != 0) {
                    trun.u32();
                }
                if (firstFlags == null) {
                    firstFlags = i == 0 && first != null ? first : sampleFlags;
                }
            }
            count += (int) samples;
        }
        return new TrackRun(trackId, track.handler(), track.timescale(), base, count, duration, size,
                firstFlags == null ? defaultFlags : firstFlags);
    }

    private static BoxCursor skipFlags(BoxCursor fullBox) throws MalformedBoxException {
        fullBox.skip(3);
        return fullBox;
    }
}
