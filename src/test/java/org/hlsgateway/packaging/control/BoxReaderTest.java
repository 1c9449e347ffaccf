package org.hlsgateway.packaging.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hlsgateway.packaging.entity.Box;
import org.junit.jupiter.api.Test;

class BoxReaderTest {

    @Test
    void aWholeFileIsFtypMoovThenMoofMdatPairsThatAddUpToItsBytes() {
        for (String name : Fixtures.ALL) {
            byte[] file = Fixtures.bytes(name);
            List<Box> boxes = Fixtures.boxes(file);
            assertEquals("ftyp", boxes.get(0).type(), name);
            assertEquals("moov", boxes.get(1).type(), name);
            assertTrue(boxes.size() > 10, name + ": " + boxes.size() + " boxes");
            assertEquals("mfra", boxes.get(boxes.size() - 1).type(), name + ": FFmpeg ends with a random access box");
            for (int i = 2; i < boxes.size() - 1; i++) {
                assertEquals(i % 2 == 0 ? "moof" : "mdat", boxes.get(i).type(), name + " box " + i);
            }
            long offset = 0;
            for (Box box : boxes) {
                assertEquals(offset, box.offset(), name + " " + box);
                offset += box.size();
            }
            assertArrayEquals(file, Fixtures.concat(boxes.stream().map(Box::bytes).toList()), name);
        }
    }

    @Test
    void twoReadsSplitAtEveryByteGiveTheSameBoxes() throws MalformedBoxException {
        byte[] file = Fixtures.bytes("audio-only.mp4");
        List<String> expected = describe(Fixtures.boxes(file));
        for (int cut = 0; cut <= file.length; cut++) {
            BoxReader reader = new BoxReader();
            List<Box> boxes = new ArrayList<>(reader.feed(file, 0, cut));
            boxes.addAll(reader.feed(file, cut, file.length - cut));
            reader.finish();
            assertEquals(expected, describe(boxes), "cut at " + cut);
        }
    }

    @Test
    void randomReadSizesGiveTheSameBytes() throws MalformedBoxException {
        for (String name : Fixtures.ALL) {
            byte[] file = Fixtures.bytes(name);
            for (int maxChunk : new int[] {1, 7, 100, 4096, 65536}) {
                List<Box> boxes = Fixtures.chunked(file, maxChunk, 42 + maxChunk);
                assertEquals(describe(Fixtures.boxes(file)), describe(boxes), name + " in chunks up to " + maxChunk);
                assertArrayEquals(file, Fixtures.concat(boxes.stream().map(Box::bytes).toList()), name);
            }
        }
    }

    @Test
    void aLargesizeHeaderIsReadAcrossEverySplit() throws MalformedBoxException {
        byte[] file = Fixtures.bytes("video-only.mp4");
        Box moof = Fixtures.boxes(file).get(2);
        byte[] payload = Arrays.copyOfRange(moof.bytes(), 8, moof.size());
        byte[] large = ByteBuffer.allocate(16 + payload.length).putInt(1).put("moof".getBytes())
                .putLong(16 + payload.length).put(payload).array();
        byte[] stream = Fixtures.concat(List.of(large, new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e'}));
        for (int cut = 0; cut <= 24; cut++) {
            BoxReader reader = new BoxReader();
            List<Box> boxes = new ArrayList<>(reader.feed(stream, 0, cut));
            boxes.addAll(reader.feed(stream, cut, stream.length - cut));
            reader.finish();
            assertEquals(List.of("moof@0[" + large.length + "]", "free@" + large.length + "[8]"),
                    boxes.stream().map(Box::toString).toList(), "cut at " + cut);
            assertEquals(16, boxes.get(0).headerSize());
            assertArrayEquals(payload, Arrays.copyOfRange(boxes.get(0).bytes(), 16, large.length));
        }
    }

    @Test
    void anInputStreamIsReadToItsEnd() throws IOException {
        byte[] file = Fixtures.bytes("hevc-hvc1.mp4");
        List<Box> boxes = new ArrayList<>();
        BoxReader.readAll(new ByteArrayInputStream(file), 1000, boxes::add);
        assertEquals(describe(Fixtures.boxes(file)), describe(boxes));
    }

    @Test
    void aSizeBelowTheHeaderNamesItsOffset() {
        byte[] stream = withHeaderAt(Fixtures.bytes("audio-only.mp4"), 28, 4, "moov");
        MalformedBoxException e = assertThrows(MalformedBoxException.class, () -> Fixtures.chunked(stream, 50, 1));
        assertEquals(28, e.offset());
        assertTrue(e.getMessage().contains("at byte 28") && e.getMessage().contains("size 4, less than its 8-byte"),
                e.getMessage());
    }

    @Test
    void anAbsurdSizeFailsBeforeAnyAllocation() {
        byte[] stream = withHeaderAt(Fixtures.bytes("audio-only.mp4"), 28, 0xfffffff0L, "moov");
        MalformedBoxException e = assertThrows(MalformedBoxException.class, () -> Fixtures.chunked(stream, 50, 1));
        assertTrue(e.getMessage().contains("at byte 28") && e.getMessage().contains("claims 4294967280 bytes,"
                + " more than the limit"), e.getMessage());
        byte[] huge = ByteBuffer.allocate(16).putInt(1).put("mdat".getBytes()).putLong(Long.MAX_VALUE).array();
        e = assertThrows(MalformedBoxException.class, () -> new BoxReader().feed(huge, 0, huge.length));
        assertTrue(e.getMessage().contains("claims " + Long.MAX_VALUE), e.getMessage());
        byte[] small = ByteBuffer.allocate(8).putInt(5000).put("mdat".getBytes()).array();
        e = assertThrows(MalformedBoxException.class, () -> new BoxReader(4096).feed(small, 0, small.length));
        assertTrue(e.getMessage().contains("more than the limit of 4096"), e.getMessage());
    }

    @Test
    void sizeZeroAndAGarbageTypeAreRefused() {
        byte[] file = Fixtures.bytes("audio-only.mp4");
        MalformedBoxException e = assertThrows(MalformedBoxException.class,
                () -> Fixtures.chunked(withHeaderAt(file, 28, 0, "moov"), 50, 1));
        assertTrue(e.getMessage().contains("size 0"), e.getMessage());
        e = assertThrows(MalformedBoxException.class,
                () -> Fixtures.chunked(withHeaderAt(file, 28, 701, "\0\1mo"), 50, 1));
        assertTrue(e.getMessage().contains("at byte 28: box type 00016d6f is no four-character code"),
                e.getMessage());
    }

    @Test
    void aStreamCutInsideABoxOrAHeaderEndsWithTheOffset() throws MalformedBoxException {
        byte[] file = Fixtures.bytes("av-h264.mp4");
        List<Box> boxes = Fixtures.boxes(file);
        Box last = boxes.get(boxes.size() - 2);
        assertEquals("mdat", last.type());
        file = Arrays.copyOf(file, (int) (last.offset() + last.size()));
        BoxReader reader = new BoxReader();
        reader.feed(file, 0, file.length - 10);
        MalformedBoxException e = assertThrows(MalformedBoxException.class, reader::finish);
        assertEquals(last.offset(), e.offset());
        assertTrue(e.getMessage().contains("stream ends inside box 'mdat' of " + last.size() + " bytes after "
                + (last.size() - 10)), e.getMessage());
        BoxReader header = new BoxReader();
        header.feed(file, 0, (int) last.offset() + 3);
        e = assertThrows(MalformedBoxException.class, header::finish);
        assertEquals(last.offset(), e.offset());
        assertTrue(e.getMessage().contains("inside a box header after 3 bytes"), e.getMessage());
    }

    private static byte[] withHeaderAt(byte[] file, int at, long size, String type) {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy, at, 8).putInt((int) size)
                .put(type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return copy;
    }

    static List<String> describe(List<Box> boxes) {
        return boxes.stream().map(b -> b.type() + "@" + b.offset() + "+" + b.headerSize() + "[" + b.size() + "]"
                + (b.size() < 100_000 ? "#" + Arrays.hashCode(b.bytes()) : "")).toList();
    }
}
