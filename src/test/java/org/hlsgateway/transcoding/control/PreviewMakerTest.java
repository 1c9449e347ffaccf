package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewMakerTest {

    @TempDir
    Path dir;

    @Test
    void theNewestMpegTsSegmentAlone() throws Exception {
        Path playlist = Files.writeString(dir.resolve("index.m3u8"),
                "#EXTM3U\n#EXTINF:1.0,\nr-1.ts\n#EXTINF:1.0,\nr-2.ts\n");
        assertEquals(List.of(dir.resolve("r-2.ts")), PreviewMaker.newestSegment(playlist).orElseThrow());
    }

    @Test
    void theNewestFmp4FragmentAfterItsInitSection() throws Exception {
        Path playlist = Files.writeString(dir.resolve("index.m3u8"),
                "#EXTM3U\r\n#EXT-X-MAP:URI=\"r-init.mp4\"\r\n#EXTINF:1.0,\r\nr-0.m4s\r\n#EXTINF:1.0,\r\nr-1.m4s\r\n");
        assertEquals(List.of(dir.resolve("r-init.mp4"), dir.resolve("r-1.m4s")),
                PreviewMaker.newestSegment(playlist).orElseThrow());
    }

    @Test
    void nothingBeforeTheFirstSegment() throws Exception {
        Path playlist = Files.writeString(dir.resolve("index.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:1\n");
        assertTrue(PreviewMaker.newestSegment(playlist).isEmpty());
        assertTrue(PreviewMaker.newestSegment(dir.resolve("none.m3u8")).isEmpty());
    }

    @Test
    void aPackagedChannelsStillComesFromItsNewestIndependentPartInMemory() throws Exception {
        ChannelPackager packager = new ChannelPackager(1, 6, org.hlsgateway.packaging.entity.Numbering.zero(),
                java.time.Clock.systemUTC());
        assertTrue(packager.stillSource().isEmpty(), "no part yet");
        for (org.hlsgateway.packaging.entity.Box box : ChannelPackagerTest.boxes("camera-h264.mp4")) {
            packager.accept("r1", box);
        }
        List<byte[]> pieces = packager.stillSource().orElseThrow();
        Process idle = new ProcessBuilder("sleep", "5").start();
        try {
            TranscoderHandle handle = new TranscoderHandle(new org.hlsgateway.transcoding.entity.TranscodeSpec("cam1",
                    "rtsp://h/x", org.hlsgateway.transcoding.entity.RtspTransport.TCP,
                    org.hlsgateway.transcoding.entity.AudioMode.AAC, org.hlsgateway.transcoding.entity.VideoMode.COPY),
                    dir, idle, System.currentTimeMillis(), false, true);

            byte[] jpeg = new PreviewMaker(List.of("ffmpeg")).preview(handle, pieces).orElseThrow();

            assertTrue(jpeg.length > 1000 && (jpeg[0] & 0xff) == 0xff && (jpeg[1] & 0xff) == 0xd8,
                    "a JPEG decoded by real FFmpeg from the init section and one part: " + jpeg.length + " bytes");
        } finally {
            idle.destroyForcibly();
        }
    }
}
