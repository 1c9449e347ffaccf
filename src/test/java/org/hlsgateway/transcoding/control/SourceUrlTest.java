package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "rtsp://cam.local:554/stream",
            "rtsps://cam.local/stream",
            "rtmp://live.example/app/key",
            "rtmps://live.example/app/key",
            "srt://cam.local:9000?mode=caller",
            "http://cam.local/live.m3u8",
            "https://cam.local/live.m3u8",
            "udp://239.0.0.1:1234",
            "rtp://239.0.0.1:5004",
            "RTSP://CAM.LOCAL/stream",
            "rtsp://user:secret@192.168.1.10:554/Streaming/Channels/101",
            "rtsp://[::1]:554/x",
            "udp://@:1234"})
    void acceptsNetworkSources(String url) {
        assertEquals(Optional.empty(), SourceUrl.problem(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "file:///etc/passwd",
            "FILE:///etc/passwd",
            "concat:a|b",
            "subfile:,start,0,end,0,:/etc/passwd",
            "subfile,,start,0,end,0,,:/etc/passwd",
            "pipe:0",
            "data:text/plain;base64,AAAA",
            "javascript:alert(1)",
            "ftp://x",
            "gopher://x/1",
            "cam.local/stream",
            "/etc/passwd",
            "://cam.local/x",
            "1rtsp://cam.local/x"})
    void rejectsOtherSchemes(String url) {
        Optional<String> problem = SourceUrl.problem(url);

        assertTrue(problem.isPresent(), () -> "accepted " + url);
        assertTrue(problem.get().contains("scheme"), problem.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtsp://cam.local/my stream", "rtsp://cam.local/x\n", "rtsp://cam.local/\tx",
            "rtsp://cam.local/x\u0000", "rtsp://cam.local/x\u007f", " rtsp://cam.local/x"})
    void rejectsWhitespaceAndControlCharacters(String url) {
        Optional<String> problem = SourceUrl.problem(url);

        assertTrue(problem.isPresent(), () -> "accepted " + url);
        assertTrue(problem.get().contains("control characters"), problem.get());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsMissingUrl(String url) {
        assertTrue(SourceUrl.problem(url).orElseThrow().contains("required"));
    }

    @Test
    void rejectsOverlongUrl() {
        String prefix = "rtsp://cam.local/";
        String atLimit = prefix + "x".repeat(SourceUrl.MAX_LENGTH - prefix.length());
        String overLimit = atLimit + "x";

        assertEquals(2048, atLimit.length());
        assertEquals(Optional.empty(), SourceUrl.problem(atLimit));
        assertTrue(SourceUrl.problem(overLimit).orElseThrow().contains("2048"));
    }

    static Stream<String> hostless() {
        return Stream.of("http://", "rtsp://", "https:///live.m3u8", "rtsp://:554/x", "rtsp://@/x");
    }

    @ParameterizedTest
    @MethodSource("hostless")
    void rejectsUrlsWithoutHost(String url) {
        assertTrue(SourceUrl.problem(url).isPresent(), () -> "accepted " + url);
    }

    /** Credentials in front of an empty host must not count as a host (FFmpeg then connects to ""). */
    @ParameterizedTest
    @ValueSource(strings = {"http://user@/x", "rtsp://user:pw@:554/x"})
    void rejectsUrlsWithCredentialsButWithoutHost(String url) {
        assertTrue(SourceUrl.problem(url).isPresent(), () -> "accepted " + url);
    }

    @Test
    void schemeIsLowerCasedOrNull() {
        assertEquals("rtsp", SourceUrl.scheme("RTSP://cam/x"));
        assertNull(SourceUrl.scheme("concat:a|b"));
        assertNull(SourceUrl.scheme("no scheme"));
        assertNull(SourceUrl.scheme(null));
    }

    @Test
    void masksThePassword() {
        assertEquals("rtsp://user:***@host/x", SourceUrl.masked("rtsp://user:secret@host/x"));
    }

    @Test
    void masksAUserOnlyCredential() {
        assertEquals("rtsp://***@host/x", SourceUrl.masked("rtsp://token@host/x"));
    }

    @Test
    void leavesUrlsWithoutCredentialsUnchanged() {
        String url = "rtsp://host:554/x?user=a@b";

        assertEquals("rtsp://host/x", SourceUrl.masked("rtsp://host/x"));
        assertEquals(url, SourceUrl.masked(url));
        assertFalse(SourceUrl.hasCredentials("rtsp://host/x"));
        assertNull(SourceUrl.masked(null));
    }

    /**
     * FFmpeg (av_url_split) takes everything up to the last '@' before the path as credentials,
     * and such a URL passes {@link SourceUrl#problem}, so no part of the password may survive masking.
     */
    @Test
    void masksAPasswordContainingAnAtSign() {
        String url = "rtsp://admin:p@ss@cam.local/x";

        assertEquals(Optional.empty(), SourceUrl.problem(url));
        String masked = SourceUrl.masked(url);

        assertEquals("rtsp://admin:***@cam.local/x", masked);
    }

    @Test
    void scrubRemovesTheSecretFromALogLine() {
        String url = "rtsp://user:secret@host/x";
        String line = "[error] " + url + ": 401 Unauthorized (authorization failed)";

        String scrubbed = SourceUrl.scrub(line, url);

        assertFalse(scrubbed.contains("secret"), scrubbed);
        assertEquals("[error] rtsp://user:***@host/x: 401 Unauthorized (authorization failed)", scrubbed);
    }

    @Test
    void scrubLeavesTextAloneWithoutCredentials() {
        String line = "Connection refused";

        assertEquals(line, SourceUrl.scrub(line, "rtsp://host/x"));
        assertNull(SourceUrl.scrub(null, "rtsp://user:secret@host/x"));
    }

    @Test
    void scrubMasksTheUrlInTheFormsFfmpegPrintsItIn() {
        String url = "rtsp://admin:p@ss-word@cam/x";
        String line = "rtsp://admin:p@ss-word@cam:554/x: 401; retry via rtsp://admin:p@ss-word@cam:554/x?t=1; other tcp://u:pw@h";

        String scrubbed = SourceUrl.scrub(line, url);

        assertFalse(scrubbed.contains("p@ss-word"), scrubbed);
        assertFalse(scrubbed.contains("u:pw@"), scrubbed);
        assertEquals("rtsp://admin:***@cam:554/x: 401; retry via rtsp://admin:***@cam:554/x?t=1; other tcp://u:***@h", scrubbed);
    }
}
