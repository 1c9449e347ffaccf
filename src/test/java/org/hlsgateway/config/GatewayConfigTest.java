package org.hlsgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayConfigTest {

    @Test
    void defaults() {
        GatewayConfig config = GatewayConfig.from(Map.of());

        assertEquals(10, config.idleTimeoutSeconds());
        assertEquals(15, config.startTimeoutSeconds());
        assertEquals(1, config.segmentSeconds());
        assertEquals(6, config.playlistSize());
        assertEquals(5, config.sourceTimeoutSeconds());
        assertEquals("*", config.allowOrigin());
        assertEquals("", config.ffmpegPath());
        assertEquals(Path.of("data").toAbsolutePath(), config.dataDir());
        assertEquals(config.dataDir().resolve("hls"), config.workDir());
    }

    @Test
    void blankValuesMeanDefaults() {
        GatewayConfig config = GatewayConfig.from(Map.of("HLS_IDLE_TIMEOUT", "  ", "HLS_ALLOW_ORIGIN", ""));

        assertEquals(10, config.idleTimeoutSeconds());
        assertEquals("*", config.allowOrigin());
    }

    @Test
    void overrides() {
        GatewayConfig config = GatewayConfig.from(Map.of(
                "HLS_DATA_DIR", "/srv/gw",
                "HLS_IDLE_TIMEOUT", "30",
                "HLS_START_TIMEOUT", " 20 ",
                "HLS_SEGMENT_SECONDS", "4",
                "HLS_PLAYLIST_SIZE", "10",
                "HLS_SOURCE_TIMEOUT", "7",
                "HLS_ALLOW_ORIGIN", "https://tv.example",
                "FFMPEG_PATH", "/usr/local/bin/ffmpeg"));

        assertEquals(Path.of("/srv/gw"), config.dataDir());
        assertEquals(Path.of("/srv/gw/hls"), config.workDir());
        assertEquals(30, config.idleTimeoutSeconds());
        assertEquals(20, config.startTimeoutSeconds());
        assertEquals(4, config.segmentSeconds());
        assertEquals(10, config.playlistSize());
        assertEquals(7, config.sourceTimeoutSeconds());
        assertEquals("https://tv.example", config.allowOrigin());
        assertEquals("/usr/local/bin/ffmpeg", config.ffmpegPath());
    }

    @Test
    void workDirCanBeSetApart() {
        GatewayConfig config = GatewayConfig.from(Map.of("HLS_DATA_DIR", "/srv/gw", "HLS_WORK_DIR", "/dev/shm/hls"));

        assertEquals(Path.of("/dev/shm/hls"), config.workDir());
    }

    @ParameterizedTest
    @CsvSource({
            "HLS_IDLE_TIMEOUT, 0",
            "HLS_IDLE_TIMEOUT, 86401",
            "HLS_IDLE_TIMEOUT, -5",
            "HLS_START_TIMEOUT, 0",
            "HLS_START_TIMEOUT, 601",
            "HLS_SEGMENT_SECONDS, 0",
            "HLS_SEGMENT_SECONDS, 31",
            "HLS_PLAYLIST_SIZE, 1",
            "HLS_PLAYLIST_SIZE, 101",
            "HLS_SOURCE_TIMEOUT, 0",
            "HLS_SOURCE_TIMEOUT, 301"})
    void outOfRangeValuesAreRefusedByName(String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(Map.of(name, value)));

        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "HLS_IDLE_TIMEOUT, ten",
            "HLS_START_TIMEOUT, 1.5",
            "HLS_SEGMENT_SECONDS, 2s",
            "HLS_PLAYLIST_SIZE, 0x10",
            "HLS_SOURCE_TIMEOUT, 99999999999"})
    void nonNumericValuesAreRefusedByName(String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(Map.of(name, value)));

        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void boundariesAreAccepted() {
        GatewayConfig low = GatewayConfig.from(Map.of("HLS_IDLE_TIMEOUT", "1", "HLS_PLAYLIST_SIZE", "2"));
        GatewayConfig high = GatewayConfig.from(Map.of("HLS_IDLE_TIMEOUT", "86400", "HLS_SEGMENT_SECONDS", "30"));

        assertEquals(1, low.idleTimeoutSeconds());
        assertEquals(2, low.playlistSize());
        assertEquals(86400, high.idleTimeoutSeconds());
        assertEquals(30, high.segmentSeconds());
    }
}
