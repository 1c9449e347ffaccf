package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hlsgateway.transcoding.entity.InputStreams;
import org.junit.jupiter.api.Test;

/** The input streams {@link FfmpegOutput} reads from FFmpeg's log. */
class FfmpegOutputStreamsTest {

    @Test
    void readsACamerasStreamsFromFfmpeg51Output() {
        FfmpegOutput parser = new FfmpegOutput(10);
        String[] log = {
            "[info] Input #0, rtsp, from 'rtsp://127.0.0.1:8554/cam':",
            "[info]   Duration: N/A, start: 0.000000, bitrate: 64 kb/s",
            "[info]   Stream #0:0: Video: h264 (Constrained Baseline), yuv420p(progressive), 640x360, 25 fps, 25 tbr, 90k tbn",
            "[info]   Stream #0:1: Audio: pcm_alaw, 8000 Hz, mono, s16, 64 kb/s",
            "[info] Stream mapping:",
            "[info]   Stream #0:0 -> #0:0 (copy)",
            "[info]   Stream #0:1: Video: hevc, yuv420p, 1920x1080, 30 fps"};

        boolean done = false;
        for (String line : log) {
            done = parser.add(line);
        }

        InputStreams s = parser.streams();
        assertTrue(done);
        assertEquals("h264", s.videoCodec());
        assertEquals(640, s.width());
        assertEquals(360, s.height());
        assertEquals(25.0, s.fps());
        assertEquals("pcm_alaw", s.audioCodec());
        assertEquals(8000, s.sampleRate());
        assertEquals(64, s.bitrateKbps());
        assertEquals("h264 640x360 25 fps, pcm_alaw 8000 Hz, 64 kb/s", s.summary());
    }

    @Test
    void readsFfmpeg7StyleLinesWithSarAndAudioOnlySources() {
        FfmpegOutput video = new FfmpegOutput(10);
        video.add("[info]   Stream #0:0[0x100]: Video: hevc (Main) ([36][0][0][0] / 0x0024), yuv420p(tv), 1920x1080 [SAR 1:1 DAR 16:9], 29.97 fps, 29.97 tbr, 90k tbn");
        assertEquals("hevc", video.streams().videoCodec());
        assertEquals(1080, video.streams().height());
        assertEquals(29.97, video.streams().fps());

        FfmpegOutput audio = new FfmpegOutput(10);
        audio.add("[info]   Stream #0:0: Audio: aac (LC), 48000 Hz, stereo, fltp");
        assertNull(audio.streams().videoCodec());
        assertEquals("aac 48000 Hz", audio.streams().summary());
    }
}
