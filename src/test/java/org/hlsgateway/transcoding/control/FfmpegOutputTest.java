package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FfmpegOutputTest {

    @Test
    void keepsOnlyTheLastLinesUpToItsCapacity() {
        FfmpegOutput tail = new FfmpegOutput(3);

        for (int i = 1; i <= 5; i++) {
            tail.add("[info] line " + i);
        }

        assertEquals(List.of("[info] line 3", "[info] line 4", "[info] line 5"), tail.lines());
    }

    @Test
    void ignoresNullAndBlankLines() {
        FfmpegOutput tail = new FfmpegOutput(3);

        tail.add(null);
        tail.add("   ");
        tail.add("");

        assertTrue(tail.lines().isEmpty());
        assertNull(tail.lastError());
        assertFalse(tail.hasError());
    }

    @Test
    void truncatesVeryLongLines() {
        FfmpegOutput tail = new FfmpegOutput(2);

        tail.add("[info] " + "x".repeat(5_000));

        assertTrue(tail.lines().get(0).length() <= 501, () -> "length " + tail.lines().get(0).length());
    }

    @Test
    void lastErrorIsTheLastErrorOrFatalLineEvenWhenLaterLinesFollow() {
        FfmpegOutput tail = new FfmpegOutput(10);

        tail.add("[info] Input #0, rtsp, from 'rtsp://cam/x':");
        tail.add("[tcp @ 0x5626d677a200] [error] Connection to tcp://cam:554 failed: Connection refused");
        tail.add("[fatal] rtsp://cam/x: Connection refused");
        tail.add("[info] Exiting normally, received signal 15.");

        assertTrue(tail.hasError());
        assertEquals("rtsp://cam/x: Connection refused", tail.lastError());
    }

    @Test
    void lastErrorSurvivesTheBufferRollingOver() {
        FfmpegOutput tail = new FfmpegOutput(2);

        tail.add("[error] first problem");
        tail.add("[info] a");
        tail.add("[info] b");

        assertEquals(List.of("[info] a", "[info] b"), tail.lines());
        assertEquals("first problem", tail.lastError());
    }

    @Test
    void fallsBackToTheLastLineWithoutAnError() {
        FfmpegOutput tail = new FfmpegOutput(5);

        tail.add("[info] Stream #0:0: Video: h264");
        tail.add("[warning] [rtsp @ 0x55d0c2a3e400] max delay reached. need to consume packet");

        assertFalse(tail.hasError());
        assertEquals("max delay reached. need to consume packet", tail.lastError());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // FFmpeg 5.1 style: context tag, then level tag
            "[rtsp @ 0x55d0c2a3e400] [error] method DESCRIBE failed: 401 Unauthorized | method DESCRIBE failed: 401 Unauthorized",
            "[error] [rtsp @ 0x55d0c2a3e400] method DESCRIBE failed: 404 Not Found | method DESCRIBE failed: 404 Not Found",
            "[hls @ 0x55fd4f928540] [error] Failed to open file 'x-0.ts' | Failed to open file 'x-0.ts'",
            "[fatal] Error opening input: Connection refused | Error opening input: Connection refused",
            "[panic] out of memory | out of memory",
            "[in#0 @ 0x5581aa] [error] Error opening input: Invalid data | Error opening input: Invalid data"})
    void errorLinesLoseTheirContextAndLevelTags(String line, String expected) {
        FfmpegOutput tail = new FfmpegOutput(5);

        tail.add(line);

        assertTrue(tail.hasError());
        assertEquals(expected, tail.lastError());
    }

    /** FFmpeg 6.1 and 7.x name the contexts of files and streams with a slash (and a demuxer's list of names). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[out#0/hls @ 0x5c8d49a7d440] [error] Error writing trailer | Error writing trailer",
            "[vost#0:0/libx264 @ 0x5c8d49a7d440] [error] Error while opening encoder | Error while opening encoder",
            "[in#0/matroska,webm @ 0x14b706ce0] [error] Error during demuxing: I/O error | Error during demuxing: I/O error"})
    void ffmpeg7ContextTagsAreRemovedToo(String line, String expected) {
        FfmpegOutput tail = new FfmpegOutput(5);

        tail.add(line);

        assertTrue(tail.hasError());
        assertEquals(expected, tail.lastError());
    }
}
