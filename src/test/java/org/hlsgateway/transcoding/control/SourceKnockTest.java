package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The knock at a TCP source's port: real sockets on the loopback interface. */
class SourceKnockTest {

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean knockUntilBack(SourceKnock knock, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            if (knock.backAfterRefusal()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void aPortThatAcceptsAgainAfterRefusingIsBack() throws Exception {
        int port = freePort();
        try (SourceKnock knock = SourceKnock.of("rtsp://user:secret@127.0.0.1:" + port + "/stream").orElseThrow()) {
            assertFalse(knockUntilBack(knock, 5), "nobody listens: refused");
            try (ServerSocket camera = new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
                assertTrue(knockUntilBack(knock, 50), "the camera is back");
                assertFalse(knockUntilBack(knock, 5), "back once: the next start follows the back-off again");
            }
        }
    }

    @Test
    void aPortThatNeverRefusedIsNeverBack() throws Exception {
        try (ServerSocket camera = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             SourceKnock knock = new SourceKnock(new InetSocketAddress(InetAddress.getLoopbackAddress(), camera.getLocalPort()))) {
            assertFalse(knockUntilBack(knock, 10), "a source that accepts and then fails gets no early restarts");
        }
    }

    @Test
    void onlyTcpSourcesWithAHostAreKnockedAt() {
        assertTrue(SourceKnock.of("rtsp://127.0.0.1/stream").isPresent(), "rtsp on its default port");
        assertTrue(SourceKnock.of("rtmp://127.0.0.1:1936/live").isPresent());
        assertTrue(SourceKnock.of("https://127.0.0.1/cam.m3u8").isPresent());
        assertFalse(SourceKnock.of("udp://127.0.0.1:5000").isPresent(), "UDP has no connection to knock with");
        assertFalse(SourceKnock.of("srt://127.0.0.1:9000").isPresent(), "SRT runs over UDP");
        assertFalse(SourceKnock.of("file:///tmp/x.ts").isPresent());
        assertFalse(SourceKnock.of("rtsp://exa mple/bad url").isPresent(), "no exception for a URL java.net.URI rejects");
    }
}
