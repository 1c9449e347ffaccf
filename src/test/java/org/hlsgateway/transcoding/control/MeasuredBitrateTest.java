package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuredBitrateTest {

    @TempDir
    Path dir;

    @Test
    void bytesOfListedSegmentsOverTheirDurations() throws Exception {
        Files.write(dir.resolve("a-1.ts"), new byte[125_000]); // 1,000,000 bits
        Files.write(dir.resolve("a-2.ts"), new byte[250_000]); // 2,000,000 bits
        Path playlist = Files.writeString(dir.resolve("index.m3u8"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:1.000000,\na-1.ts\n#EXTINF:2.000000,\na-2.ts\n");

        assertEquals(Optional.of(1000), MeasuredBitrate.of(playlist), "3,000,000 bits in 3 s");
    }

    @Test
    void segmentsDeletedMeanwhileAreLeftOut() throws Exception {
        Files.write(dir.resolve("a-2.ts"), new byte[250_000]);
        Path playlist = Files.writeString(dir.resolve("index.m3u8"),
                "#EXTM3U\r\n#EXTINF:1.0,\r\na-1.ts\r\n#EXTINF:2.0,\r\na-2.ts\r\n");

        assertEquals(Optional.of(1000), MeasuredBitrate.of(playlist));
    }

    @Test
    void fmp4InitSectionIsNotCountedAndAnEmptyPlaylistHasNoRate() throws Exception {
        Files.write(dir.resolve("r-init.mp4"), new byte[999_999]);
        Files.write(dir.resolve("r-0.m4s"), new byte[62_500]);
        Path playlist = Files.writeString(dir.resolve("index.m3u8"),
                "#EXTM3U\n#EXT-X-MAP:URI=\"r-init.mp4\"\n#EXTINF:0.5,\nr-0.m4s\n");
        assertEquals(Optional.of(1000), MeasuredBitrate.of(playlist));

        Path empty = Files.writeString(dir.resolve("empty.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:1\n");
        assertTrue(MeasuredBitrate.of(empty).isEmpty());
        assertTrue(MeasuredBitrate.of(dir.resolve("missing.m3u8")).isEmpty());
    }
}
