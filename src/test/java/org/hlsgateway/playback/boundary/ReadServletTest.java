package org.hlsgateway.playback.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReadServletTest {

    @Test
    void aPathOfNicknameAndFileIsSplit() {
        assertArrayEquals(new String[] {"cam1", "index.m3u8"}, ReadTarget.parts("/cam1/index.m3u8"));
        assertArrayEquals(new String[] {"a", "abc-1.ts"}, ReadTarget.parts("/a/abc-1.ts"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "/", "/cam1", "/cam1/", "//index.m3u8", "/cam1/sub/index.m3u8", "cam1/index.m3u8",
        "/cam1//index.m3u8", "/cam1/index.m3u8/"})
    void anyOtherShapeIsRefused(String pathInfo) {
        assertNull(ReadTarget.parts(pathInfo));
    }

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 188 * 1000, SegmentFiles.CHUNK, SegmentFiles.CHUNK + 1, 3 * SegmentFiles.CHUNK + 4711})
    void aFileIsCopiedWholeInAsFewWritesAsItsChunksNeed(int size) throws IOException {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        Path file = Files.write(tmp.resolve("seg-1.ts"), content);
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("byte by byte");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(len);
                received.write(b, off, len);
            }
        };

        try (FileChannel in = FileChannel.open(file)) {
            SegmentFiles.copy(in, size, out);
        }

        assertArrayEquals(content, received.toByteArray());
        assertEquals((size + SegmentFiles.CHUNK - 1) / SegmentFiles.CHUNK, writes.size(), writes.toString());
    }

    @Test
    void aFileThatShrankEndsTheCopyAtItsEnd() throws IOException {
        Path file = Files.write(tmp.resolve("seg-2.ts"), new byte[1000]);
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        try (FileChannel in = FileChannel.open(file)) {
            SegmentFiles.copy(in, 5000, received);
        }

        assertEquals(1000, received.size());
    }
}
