package org.hlsgateway.transcoding.control;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hlsgateway.packaging.control.LlPlaylistWriter;
import org.hlsgateway.packaging.control.MalformedBoxException;
import org.hlsgateway.packaging.control.MediaWindow;
import org.hlsgateway.packaging.control.Segmenter;
import org.hlsgateway.packaging.entity.Box;
import org.hlsgateway.packaging.entity.Numbering;
import org.hlsgateway.packaging.entity.Part;
import org.hlsgateway.packaging.entity.PlaylistSettings;
import org.hlsgateway.packaging.entity.Segment;
import org.hlsgateway.packaging.entity.WindowSnapshot;

/**
 * One watched channel's LL-HLS packager ({@code HLS_LL}), kept by its {@link LiveSession} across FFmpeg runs: the
 * boxes of every run go through one {@link Segmenter} into one {@link MediaWindow}, so media sequence and part
 * numbers go on across restarts, a new run starting a discontinuity. Boxes come from one run at a time; the first box
 * of another run ends the segment of the one before. Players read the window, the playlist and the futures of
 * blocking requests from here. Thread-safe.
 */
public final class ChannelPackager {

    /** The part target: FFmpeg's {@code -frag_duration}. */
    public static final double PART_TARGET = FfmpegCommand.PART_MICROS / 1e6;
    /** Parts of the newest complete segments listed besides the open segment's (Apple asks for the last few). */
    static final int PART_SEGMENTS = 3;
    /** Part numbers advance at most this often per second, so numbers from the clock stay ahead of any earlier run. */
    private static final long PART_MILLIS = 40;

    private final int segmentSeconds;
    private final MediaWindow window;
    private final Segmenter segmenter;
    private final LlPlaylistWriter writer;
    private final AtomicBoolean anyPart = new AtomicBoolean();
    /** The last playlist rendered, reused while the window and the request stay the same (every player of a public channel). */
    private volatile Rendered rendered;

    private record Rendered(WindowSnapshot window, String query, boolean skip, byte[] bytes) {
    }
    private String feeder;
    private boolean added;

    public ChannelPackager(int segmentSeconds, int playlistSize, Numbering numbering, Clock clock) {
        this.segmentSeconds = segmentSeconds;
        // RFC 8216bis 6.2.5.2: a part target below a second lets players wait up to 3 / target parts ahead
        int advance = (int) Math.max(3, Math.ceil(3 / PART_TARGET));
        this.window = new MediaWindow(playlistSize, playlistSize + 1, advance, numbering);
        double skip = playlistSize >= 12 ? 6.0 * segmentSeconds : 0;
        this.writer = new LlPlaylistWriter(new PlaylistSettings(segmentSeconds, PART_TARGET, PART_SEGMENTS, skip));
        this.segmenter = new Segmenter(segmentSeconds, numbering, clock, new Segmenter.Output() {
            @Override
            public void partAdded(Segment open, Part part) {
                window.partAdded(open, part);
                added = true;
            }

            @Override
            public void segmentClosed(Segment segment) {
                window.segmentClosed(segment);
            }
        });
    }

    /**
     * Numbers that a new session starts from, taken from the clock so that they never go back, even across a restart
     * of the gateway: media sequence numbers count segment lengths since the epoch, part numbers 40 ms steps.
     */
    public static Numbering numberingAt(long epochMillis, int segmentSeconds) {
        long msn = epochMillis / (1000L * segmentSeconds);
        return new Numbering(msn, epochMillis / PART_MILLIS, msn);
    }

    /** A box of run {@code run}; true when it completed a part. */
    synchronized boolean accept(String run, Box box) throws MalformedBoxException {
        if (!run.equals(feeder)) {
            if (feeder != null) {
                segmenter.endOfRun();
            }
            feeder = run;
        }
        added = false;
        segmenter.accept(box);
        if (added) {
            anyPart.set(true);
        }
        return added;
    }

    /** Run {@code run}'s stream ended: its open segment is complete (unless another run fed boxes since). */
    synchronized void endOfRun(String run) {
        if (run.equals(feeder)) {
            segmenter.endOfRun();
            feeder = null;
        }
    }

    /** True once any run of the session made a part: there is something to play. */
    public boolean hasPart() {
        return anyPart.get();
    }

    public MediaWindow window() {
        return window;
    }

    /**
     * The LL-HLS playlist now, every URI with {@code query} (the token), a delta update when {@code skip} and offered.
     *
     * @throws IllegalStateException before the first part
     */
    public String playlist(String query, boolean skip) {
        return writer.write(window.snapshot(), query, skip);
    }

    /** {@link #playlist} as UTF-8, rendered once per window change for each query (token) asked in a row. */
    public byte[] playlistBytes(String query, boolean skip) {
        WindowSnapshot now = window.snapshot();
        Rendered last = rendered;
        if (last != null && last.window() == now && last.skip() == skip && java.util.Objects.equals(last.query(), query)) {
            return last.bytes();
        }
        byte[] bytes = writer.write(now, query, skip).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        rendered = new Rendered(now, query, skip, bytes);
        return bytes;
    }

    /** The longest complete segment listed, rounded as the playlist's target duration is, at least the configured one. */
    public long targetSeconds() {
        WindowSnapshot now = window.snapshot();
        double longest = now.segments().stream().mapToDouble(Segment::duration).max().orElse(0);
        return Math.max(segmentSeconds, Math.round(longest));
    }

    /** kbit/s of the complete segments listed (bytes over their durations), or empty while none is complete. */
    public Optional<Integer> bitrateKbps() {
        List<Segment> complete = window.snapshot().segments();
        double seconds = complete.stream().mapToDouble(Segment::duration).sum();
        long bytes = complete.stream().mapToLong(Segment::size).sum();
        return seconds <= 0 ? Optional.empty() : Optional.of((int) Math.round(bytes * 8 / seconds / 1000));
    }

    /** What a preview decodes: the newest independent part after its init section; empty before the first part. */
    public Optional<List<byte[]>> stillSource() {
        List<Segment> all = window.snapshot().all();
        for (int s = all.size() - 1; s >= 0; s--) {
            List<Part> parts = all.get(s).parts();
            for (int p = parts.size() - 1; p >= 0; p--) {
                if (parts.get(p).independent()) {
                    return Optional.of(List.of(all.get(s).init().bytes(), parts.get(p).bytes()));
                }
            }
        }
        return Optional.empty();
    }

    /** The session ended: players waiting for parts are let go. */
    void close() {
        window.close();
    }
}
