package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.packaging.control.BoxReader;
import org.hlsgateway.packaging.control.MalformedBoxException;
import org.hlsgateway.packaging.entity.Box;

/**
 * Reads one run's fragmented MP4 from FFmpeg's stdout, on the run's own thread, box by box into a {@link Sink}, to the
 * end of the stream. A broken box is reported once; the rest of the stream is then read and dropped, so that FFmpeg
 * never blocks on a full pipe while it is stopped. A stream that ends inside a box is FFmpeg ending (stopped or
 * exited): its exit says why, so that is only logged.
 */
final class MediaPipe {

    private static final Logger LOG = Logger.getLogger(MediaPipe.class.getName());
    static final int BUFFER = 64 * 1024;

    /** Where the boxes go. */
    interface Sink {

        /** A whole top-level box; true when it completed a part. */
        boolean box(Box box) throws MalformedBoxException;

        /** A part was completed (called outside the packager's lock). */
        void part();

        /** The stream is not fMP4 as FFmpeg writes it: the run must end, for {@code reason}. */
        void broken(String reason);

        /** The stream is over; always called last. */
        void ended();
    }

    /** Reads and drops everything. */
    static final Sink DROP = new Sink() {
        @Override
        public boolean box(Box box) {
            return false;
        }

        @Override
        public void part() {
        }

        @Override
        public void broken(String reason) {
        }

        @Override
        public void ended() {
        }
    };

    private MediaPipe() {
    }

    static void follow(InputStream in, String name, Sink sink) {
        BoxReader reader = new BoxReader();
        byte[] buffer = new byte[BUFFER];
        boolean broken = false;
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                if (broken) {
                    continue;
                }
                try {
                    for (Box box : reader.feed(buffer, 0, n)) {
                        if (sink.box(box)) {
                            sink.part();
                        }
                    }
                } catch (MalformedBoxException e) {
                    broken = true;
                    sink.broken(e.getMessage());
                }
            }
            if (!broken) {
                reader.finish();
            }
        } catch (MalformedBoxException e) {
            LOG.fine(() -> "the fMP4 stream of " + name + " ended inside a box: " + e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.FINE, "stdout of " + name + " closed", e);
        } finally {
            sink.ended();
        }
    }
}
