package org.hlsgateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.function.LongSupplier;
import org.hlsgateway.packaging.control.BoxReader;
import org.hlsgateway.packaging.control.LlPlaylistWriter;
import org.hlsgateway.packaging.control.MalformedBoxException;
import org.hlsgateway.packaging.control.MediaWindow;
import org.hlsgateway.packaging.control.Segmenter;
import org.hlsgateway.packaging.entity.Box;
import org.hlsgateway.packaging.entity.Numbering;
import org.hlsgateway.packaging.entity.PlaylistSettings;

/**
 * What the LL-HLS packager (issue #15) costs per byte and per playlist: a recorded FFmpeg run (src/test/resources/fmp4)
 * read by the box reader in 64 KiB pipe reads, then also segmented into a window, and LL-HLS playlists written
 * from a full window. Medians of 5 one-second runs after 3 s of warm-up. Asserts nothing.
 *
 * <pre>java -cp target/test-classes:target/classes org.hlsgateway.bench.PackagerThroughput [fixture.mp4]</pre>
 */
public final class PackagerThroughput {

    private static final int READ = 64 * 1024;

    private PackagerThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "av-h264.mp4";
        byte[] run = fixture(name);
        System.out.printf("%s: %d bytes, 4 s of media%n", name, run.length);
        double readNs = median(() -> read(run, false));
        System.out.printf("%-48s %8.0f MB/s%n", "box reader", run.length / readNs * 1e3);
        double segmentNs = median(() -> read(run, true));
        System.out.printf("%-48s %8.0f MB/s (%.0f x real time at this bitrate)%n", "box reader + segmenter + window",
                run.length / segmentNs * 1e3, 4e9 / segmentNs);
        MediaWindow window = new MediaWindow(6, 6, 5, Numbering.zero());
        Segmenter segmenter = new Segmenter(1.0, Numbering.zero(), Clock.systemUTC(), window);
        for (int i = 0; i < 4; i++) {
            feed(run, segmenter);
        }
        LlPlaylistWriter writer = new LlPlaylistWriter(new PlaylistSettings(1.0, 0.2, 3));
        double writeNs = median(() -> writer.write(window.snapshot(), "token=abcdefghijklmnopqrstuvwxyz").length());
        System.out.printf("%-48s %8.1f us per playlist (%d bytes)%n", "snapshot + LL-HLS playlist, 6 segments",
                writeNs / 1e3, writer.write(window.snapshot(), "token=abcdefghijklmnopqrstuvwxyz").length());
    }

    private static long read(byte[] run, boolean segment) {
        Segmenter segmenter = segment ? new Segmenter(1.0, Numbering.zero(), Clock.systemUTC(),
                new MediaWindow(6, 6, 5, Numbering.zero())) : null;
        return segment ? feed(run, segmenter) : feed(run, null);
    }

    private static long feed(byte[] run, Segmenter segmenter) {
        try {
            BoxReader reader = new BoxReader();
            long boxes = 0;
            for (int at = 0; at < run.length; at += READ) {
                for (Box box : reader.feed(run, at, Math.min(READ, run.length - at))) {
                    boxes++;
                    if (segmenter != null) {
                        segmenter.accept(box);
                    }
                }
            }
            reader.finish();
            if (segmenter != null) {
                segmenter.endOfRun();
            }
            return boxes;
        } catch (MalformedBoxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Median ns per call over 5 one-second runs, after 3 s of warm-up. */
    private static double median(LongSupplier call) {
        return NanoTimer.runs(call)[2];
    }

    private static byte[] fixture(String name) {
        try (InputStream in = PackagerThroughput.class.getResourceAsStream("/fmp4/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /fmp4/" + name + " on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
