package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceUrlPinTest {

    private static final SourceUrl.Resolver V4 = host -> InetAddress.getByAddress(host, new byte[] {(byte) 192, 0, 2, 1});
    private static final SourceUrl.Resolver V6 = host -> InetAddress.getByName("2001:db8::1");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rtsp://cam.local/stream|rtsp://192.0.2.1/stream|cam.local",
            "rtsp://cam.local:8554/stream|rtsp://192.0.2.1:8554/stream|cam.local:8554",
            "rtsp://user:p%40ss@cam.local:554/s?a=b|rtsp://user:p%40ss@192.0.2.1:554/s?a=b|cam.local:554",
            "rtsp://user:p@ss@cam.local/s|rtsp://user:p@ss@192.0.2.1/s|cam.local",
            "srt://relay.example:9000?mode=caller|srt://192.0.2.1:9000?mode=caller|relay.example:9000",
            "http://media.example|http://192.0.2.1|media.example",
            "udp://group.example:1234|udp://192.0.2.1:1234|group.example:1234"})
    void theHostNameIsReplacedByItsAddress(String url, String pinned, String hostHeader) throws UnknownHostException {
        SourceUrl.Pinned host = SourceUrl.pin(url, V4);

        assertEquals(pinned, host.url());
        assertEquals(hostHeader, host.hostHeader());
        assertTrue(host.pinned());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtsp://127.0.0.1:8554/cam", "rtsp://[::1]:8554/cam", "udp://@:1234", "udp://:1234", "rtsp://u:p@10.0.0.2/x"})
    void addressesAndHostlessUrlsStayAsTheyAre(String url) throws UnknownHostException {
        SourceUrl.Pinned host = SourceUrl.pin(url, h -> {
            throw new AssertionError("looked up " + h);
        });

        assertEquals(url, host.url());
        assertFalse(host.pinned());
        assertNull(host.hostHeader());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rtsp://cam.local:8554/x|rtsp://[2001:db8:0:0:0:0:0:1]:8554/x",
            "http://cam.local/x|http://[2001:db8:0:0:0:0:0:1]/x"})
    void anIpv6AddressGoesInBrackets(String url, String pinned) throws UnknownHostException {
        assertEquals(pinned, SourceUrl.pin(url, V6).url());
    }
}
