package org.hlsgateway.packaging.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hlsgateway.packaging.entity.Box;
import org.hlsgateway.packaging.entity.Fragment;
import org.hlsgateway.packaging.entity.InitSection;
import org.hlsgateway.packaging.entity.Movie;
import org.hlsgateway.packaging.entity.Numbering;
import org.hlsgateway.packaging.entity.Part;
import org.hlsgateway.packaging.entity.Segment;

/**
 * Turns the top-level boxes of one channel's FFmpeg runs into an init section, parts and segments. {@code ftyp} and
 * {@code moov} make the init section; each {@code moof} with its {@code mdat} a part; a new segment begins at the
 * first independent part once {@code segmentSeconds} have passed in the current one. Parts of a run before its first
 * independent one are dropped (no player could decode them). A new init section (a new run, after
 * {@link #endOfRun()} or not) starts a segment flagged discontinuous; the numbers go on. One per channel, fed from one
 * thread.
 */
public final class Segmenter {

    /** Where the segmenter's results go, in order, on the feeding thread. */
    public interface Output {

        /** A part was added to the open segment ({@code open} already holds it). */
        void partAdded(Segment open, Part part);

        /** A segment is complete: a later part begins the next one, or its run ended. */
        void segmentClosed(Segment segment);
    }

    /** Sums of durations in ticks come out a hair under a whole GOP after conversion. */
    private static final double TOLERANCE = 0.001;

    private final double segmentSeconds;
    private final Output output;
    private final Clock clock;
    private long nextMsn;
    private long nextPart;
    private long discontinuity;
    private boolean anySegment;
    private byte[] ftyp = new byte[0];
    private byte[] initBytes;
    private Movie movie;
    private InitSection init;
    private Box pendingMoof;
    private Fragment pendingFragment;
    private Segment open;
    private Instant anchorWall;
    private double anchorMedia;
    private long dropped;

    public Segmenter(double segmentSeconds, Numbering numbering, Clock clock, Output output) {
        if (!(segmentSeconds > 0)) {
            throw new IllegalArgumentException("segmentSeconds must be above 0, not " + segmentSeconds);
        }
        this.segmentSeconds = segmentSeconds;
        this.nextMsn = numbering.firstMsn();
        this.nextPart = numbering.firstPart();
        this.discontinuity = numbering.firstDiscontinuity();
        this.clock = clock;
        this.output = output;
    }

    public void accept(Box box) throws MalformedBoxException {
        switch (box.type()) {
            case "ftyp" -> {
                if (movie != null) {
                    endOfRun();
                }
                ftyp = box.bytes();
            }
            case "moov" -> moov(box);
            case "moof" -> {
                if (movie == null) {
                    throw new MalformedBoxException(box.offset(), "'moof' before any 'moov'");
                }
                if (pendingMoof != null) {
                    throw new MalformedBoxException(box.offset(), "'moof' after a 'moof' with no 'mdat' between");
                }
                pendingFragment = FragmentParser.parse(box, movie);
                pendingMoof = box;
            }
            case "mdat" -> {
                if (pendingMoof == null) {
                    throw new MalformedBoxException(box.offset(), "'mdat' with no 'moof' before it");
                }
                part(concat(pendingMoof.bytes(), box.bytes()), pendingFragment);
                pendingMoof = null;
                pendingFragment = null;
            }
            default -> {
                // free, skip, styp, sidx, prft, mfra...: nothing a part needs
            }
        }
    }

    /**
     * The run's stream ended: the open segment is complete, and the next init section starts a discontinuity. A
     * {@code moof} whose {@code mdat} never came is dropped.
     */
    public void endOfRun() {
        closeOpen();
        movie = null;
        initBytes = null;
        init = null;
        ftyp = new byte[0];
        pendingMoof = null;
        pendingFragment = null;
        anchorWall = null;
    }

    /** Parts dropped because no independent part had come yet in their run. */
    public long dropped() {
        return dropped;
    }

    private void moov(Box box) throws MalformedBoxException {
        Movie parsed = MovieParser.parse(box);
        if (movie != null) {
            byte[] keep = ftyp;
            endOfRun();
            ftyp = keep;
        }
        movie = parsed;
        initBytes = concat(ftyp, box.bytes());
    }

    private void part(byte[] bytes, Fragment fragment) {
        boolean independent = fragment.independent();
        if (anchorWall == null) {
            if (!independent) {
                dropped++;
                return;
            }
            anchorWall = clock.instant().minusNanos((long) (fragment.durationSeconds() * 1e9));
            anchorMedia = fragment.startSeconds();
        }
        if (open != null && independent && open.duration() >= segmentSeconds - TOLERANCE) {
            closeOpen();
        }
        if (open == null) {
            openSegment(fragment.startSeconds());
        }
        Part part = new Part(nextPart++, open.msn(), open.parts().size(), bytes, fragment.startSeconds(),
                fragment.durationSeconds(), independent);
        open = open.with(part);
        output.partAdded(open, part);
    }

    private void openSegment(double mediaStart) {
        boolean discontinuous = false;
        if (init == null) {
            if (anySegment) {
                discontinuity++;
                discontinuous = true;
            }
            init = new InitSection(discontinuity, initBytes, movie);
        }
        Instant pdt = anchorWall.plus(Duration.ofNanos((long) ((mediaStart - anchorMedia) * 1e9)));
        open = new Segment(nextMsn++, discontinuity, discontinuous, init, pdt, List.of());
        anySegment = true;
    }

    private void closeOpen() {
        if (open != null) {
            Segment done = open;
            open = null;
            output.segmentClosed(done);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
