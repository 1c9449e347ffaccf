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
}
