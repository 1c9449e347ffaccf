package org.hlsgateway.packaging.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hlsgateway.packaging.entity.Box;

/** The recorded FFmpeg output under src/test/resources/fmp4 (see its README.txt), and ways to feed it. */
final class Fixtures {

    static final List<String> ALL = List.of("av-h264.mp4", "video-only.mp4", "audio-only.mp4", "hevc-hvc1.mp4",
            "late-keyframe.mp4", "camera-h264.mp4");

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fmp4/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture /fmp4/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All boxes of a fixture, read in one piece. */
    static List<Box> boxes(String name) {
        return boxes(bytes(name));
    }

    static List<Box> boxes(byte[] stream) {
        try {
            BoxReader reader = new BoxReader();
            List<Box> boxes = new ArrayList<>(reader.feed(stream, 0, stream.length));
            reader.finish();
            return boxes;
        } catch (MalformedBoxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feeds {@code stream} in chunks of 1 to {@code maxChunk} bytes, sizes drawn from {@code seed}. */
    static List<Box> chunked(byte[] stream, int maxChunk, long seed) throws MalformedBoxException {
        Random random = new Random(seed);
        BoxReader reader = new BoxReader();
        List<Box> boxes = new ArrayList<>();
        for (int at = 0; at < stream.length;) {
            int n = Math.min(stream.length - at, 1 + random.nextInt(maxChunk));
            boxes.addAll(reader.feed(stream, at, n));
            at += n;
        }
        reader.finish();
        return boxes;
    }

    static byte[] concat(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Feeds every box to the segmenter, then ends the run. */
    static void run(Segmenter segmenter, List<Box> boxes) throws MalformedBoxException {
        for (Box box : boxes) {
            segmenter.accept(box);
        }
        segmenter.endOfRun();
    }
}
