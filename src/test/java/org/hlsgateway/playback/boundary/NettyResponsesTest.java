package org.hlsgateway.playback.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import org.hlsgateway.playback.control.HlsFile;
import org.junit.jupiter.api.Test;

/** The answers that need no JAX-RS runtime; the rest (gateway answers as Netty responses) is MediaListenerIT's. */
class NettyResponsesTest {

    private final NettyResponses responses = new NettyResponses("https://player.example");

    @Test
    void aSegmentFilesHeadAndThePreflightCarryTheirHeaders() {
        HttpResponse file = responses.fileHead(HlsFile.parse("abc-7.ts").orElseThrow(), 131_000, true);
        FullHttpResponse preflight = responses.preflight(true);

        assertEquals("video/mp2t", file.headers().get("Content-Type"));
        assertEquals("131000", file.headers().get("Content-Length"));
        assertTrue(file.headers().get("Cache-Control").contains("immutable"));
        assertEquals(204, preflight.status().code());
        assertEquals("GET, OPTIONS", preflight.headers().get("Access-Control-Allow-Methods"));
        assertEquals("https://player.example", preflight.headers().get("Access-Control-Allow-Origin"));
    }
}
