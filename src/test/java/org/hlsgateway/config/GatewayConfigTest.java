package org.hlsgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
    void theMediaListenerIsOffUnlessAPortIsGivenAndItsPublicUrlMustBeAnHttpBase() {
        GatewayConfig off = GatewayConfig.from(Map.of());
        GatewayConfig on = GatewayConfig.from(Map.of("HLS_MEDIA_PORT", "8090", "HLS_MEDIA_ADDRESS", "127.0.0.1",
                "HLS_MEDIA_URL", "https://media.example.com:8443/"));

        assertEquals(0, off.mediaPort());
        assertEquals("0.0.0.0", off.mediaAddress());
        assertEquals("", off.mediaUrl());
        assertEquals(8090, on.mediaPort());
        assertEquals("127.0.0.1", on.mediaAddress());
        assertEquals("https://media.example.com:8443", on.mediaUrl(), "no trailing slash");
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(Map.of("HLS_MEDIA_PORT", "70000")));
        assertTrue(port.getMessage().contains("HLS_MEDIA_PORT"), port.getMessage());
        for (String bad : new String[] {"media.example.com:8090", "ftp://x", "http://", "http://a b", "http://x?y=1"}) {
            IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                    () -> GatewayConfig.from(Map.of("HLS_MEDIA_URL", bad)), bad);
            assertTrue(url.getMessage().contains("HLS_MEDIA_URL"), url.getMessage());
        }
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

    @Test
    void securityDefaults() {
        GatewayConfig config = GatewayConfig.from(Map.of());

        assertFalse(config.publicByDefault(), "channels are protected unless configured otherwise");
        assertEquals(3600, config.tokenTtlSeconds());
        assertEquals(30, config.sessionTimeoutMinutes());
        assertEquals(5, config.loginFreeFailures());
        assertEquals("", config.adminPassword());
        assertEquals("", config.tokenSecret());
        assertEquals("", config.tokenSecretPrevious());
        assertEquals(86_400, config.tokenMaxTtlViewerSeconds());
    }

    @ParameterizedTest
    @CsvSource({
            "public, true",
            "PUBLIC, true",
            "Public, true",
            "' public ', true",
            "protected, false",
            "PROTECTED, false"})
    void playbackDefault(String value, boolean expectedPublic) {
        GatewayConfig config = GatewayConfig.from(Map.of("HLS_PLAYBACK_DEFAULT", value));

        assertEquals(expectedPublic, config.publicByDefault());
    }

    @Test
    void blankPlaybackDefaultMeansProtected() {
        GatewayConfig config = GatewayConfig.from(Map.of("HLS_PLAYBACK_DEFAULT", "  "));

        assertFalse(config.publicByDefault());
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "private", "true", "publicx"})
    void invalidPlaybackDefaultIsRefusedByName(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(Map.of("HLS_PLAYBACK_DEFAULT", value)));

        assertTrue(e.getMessage().contains("HLS_PLAYBACK_DEFAULT"), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void securityOverrides() {
        GatewayConfig config = GatewayConfig.from(Map.of(
                "HLS_TOKEN_TTL", "600",
                "HLS_SESSION_TIMEOUT", " 45 ",
                "HLS_LOGIN_MAX_FAILURES", "3",
                "HLS_ADMIN_PASSWORD", "s3cret-admin",
                "HLS_TOKEN_SECRET", "0123456789abcdef0123",
                "HLS_TOKEN_SECRET_PREVIOUS", "the-previous-secret-0123",
                "HLS_TOKEN_MAX_TTL_VIEWER", "3600"));

        assertEquals(600, config.tokenTtlSeconds());
        assertEquals(45, config.sessionTimeoutMinutes());
        assertEquals(3, config.loginFreeFailures());
        assertEquals("s3cret-admin", config.adminPassword());
        assertEquals("0123456789abcdef0123", config.tokenSecret());
        assertEquals("the-previous-secret-0123", config.tokenSecretPrevious());
        assertEquals(3600, config.tokenMaxTtlViewerSeconds());
    }

    @Test
    void securityBoundariesAreAccepted() {
        GatewayConfig low = GatewayConfig.from(Map.of(
                "HLS_TOKEN_TTL", "10", "HLS_SESSION_TIMEOUT", "1", "HLS_LOGIN_MAX_FAILURES", "1"));
        GatewayConfig high = GatewayConfig.from(Map.of(
                "HLS_TOKEN_TTL", "31536000", "HLS_SESSION_TIMEOUT", "1440", "HLS_LOGIN_MAX_FAILURES", "1000"));

        assertEquals(10, low.tokenTtlSeconds());
        assertEquals(1, low.sessionTimeoutMinutes());
        assertEquals(1, low.loginFreeFailures());
        assertEquals(31_536_000, high.tokenTtlSeconds());
        assertEquals(1440, high.sessionTimeoutMinutes());
        assertEquals(1000, high.loginFreeFailures());
    }

    @ParameterizedTest
    @CsvSource({
            "HLS_TOKEN_TTL, 9",
            "HLS_TOKEN_TTL, 31536001",
            "HLS_TOKEN_TTL, -1",
            "HLS_TOKEN_MAX_TTL_VIEWER, 9",
            "HLS_TOKEN_MAX_TTL_VIEWER, 31536001",
            "HLS_SESSION_TIMEOUT, 0",
            "HLS_SESSION_TIMEOUT, 1441",
            "HLS_LOGIN_MAX_FAILURES, 0",
            "HLS_LOGIN_MAX_FAILURES, 1001"})
    void securityValuesOutOfRangeAreRefusedByName(String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(Map.of(name, value)));

        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "HLS_TOKEN_TTL, 1h",
            "HLS_SESSION_TIMEOUT, thirty",
            "HLS_LOGIN_MAX_FAILURES, 5.0"})
    void securityValuesThatAreNotNumbersAreRefusedByName(String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(Map.of(name, value)));

        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void lowLatencyIsOnByDefault() {
        assertTrue(GatewayConfig.from(Map.of()).lowLatency());
        assertTrue(GatewayConfig.from(Map.of("HLS_LL", " ")).lowLatency());
    }

    @ParameterizedTest
    @CsvSource({"true,true", "ON,true", "yes,true", "1,true", "false,false", "off,false", "No,false", "0,false"})
    void lowLatencyTakesOnAndOff(String value, boolean expected) {
        assertEquals(expected, GatewayConfig.from(Map.of("HLS_LL", value)).lowLatency());
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "enabled"})
    void lowLatencyRefusesOtherValuesNamingTheSetting(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(Map.of("HLS_LL", value)));
        assertTrue(e.getMessage().contains("HLS_LL"), e.getMessage());
    }

    @Test
    void aSingleNodeUnlessHlsClusterIsSet() {
        GatewayConfig single = GatewayConfig.from(Map.of());
        assertFalse(single.clustered());
        assertEquals("", single.nodeUrl());
        GatewayConfig node = GatewayConfig.from(Map.of("HLS_CLUSTER", "tcpip:10.0.0.5:6900-6902",
                "HLS_NODE_URL", "http://10.0.0.5:8080", "HLS_CLUSTER_SECRET", "s3cret-s3cret-s3cret"));
        assertTrue(node.clustered());
        assertEquals("http://10.0.0.5:8080", node.nodeUrl());
        assertEquals("s3cret-s3cret-s3cret", node.clusterSecret());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.5:8080", "http://10.0.0.5:8080/hls_gateway", "ftp://x", "http://a b"})
    void aNodeUrlIsABaseUrlWithoutAPath(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(Map.of("HLS_NODE_URL", value)));
        assertTrue(e.getMessage().contains("HLS_NODE_URL"), e.getMessage());
    }
}
