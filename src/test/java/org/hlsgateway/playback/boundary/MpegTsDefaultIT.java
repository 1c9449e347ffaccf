package org.hlsgateway.playback.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hlsgateway.testsupport.Camera;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.GatewaySettings;
import org.hlsgateway.testsupport.LlPlaylistChecker;
import org.hlsgateway.testsupport.MediaPlaylist;
import org.hlsgateway.testsupport.RtspCamera;
import org.junit.jupiter.api.Test;

/**
 * A gateway that keeps MPEG-TS as its default ({@code HLS_LL=false} for this class's server only), as an installation
 * whose players take nothing else would: channels that do not choose are FFmpeg's own HLS, segment files on disk; a
 * channel set to {@code ll} is LL-HLS all the same.
 */
@GatewaySettings("HLS_LL=false")
class MpegTsDefaultIT extends DeployedGateway {

    @Camera
    static RtspCamera camera;

    @Test
    void aChannelThatDoesNotChooseIsFfmpegsMpegTsWrittenToDisk() throws Exception {
        assertEquals("default", gateway.createChannel("tsdefault", camera.url(), null).getString("packaging"));

        HttpResponse<String> watch = gateway.get("watch/tsdefault");

        assertEquals(302, watch.statusCode(), watch.body());
        String text = gateway.get(URI.create(watch.headers().firstValue("Location").orElseThrow())).body();
        assertTrue(text.contains("#EXTINF") && !text.contains("#EXT-X-PART") && !text.contains("#EXT-X-MAP"), text);
        String segment = MediaPlaylist.firstSegment(text);
        assertTrue(segment.endsWith(".ts"), segment);
        HttpResponse<byte[]> bytes = gateway.getBytes("read/tsdefault/" + segment);
        assertEquals(200, bytes.statusCode());
        assertEquals("video/mp2t", bytes.headers().firstValue("Content-Type").orElse(""));
        assertEquals(0x47, bytes.body()[0] & 0xff, "an MPEG-TS packet starts with its sync byte");
        Path workDir = Path.of(System.getProperty("hls.test.dir"), "work");
        try (Stream<Path> dirs = Files.list(workDir)) {
            assertTrue(dirs.filter(d -> d.getFileName().toString().startsWith("tsdefault-"))
                    .anyMatch(d -> Files.isRegularFile(d.resolve(segment))), "FFmpeg writes the segment files");
        }
        assertTrue(gateway.get("watch/tsdefault", "text/html").body().contains("data-low-latency=\"false\""));
    }

    @Test
    void aChannelSetToLlIsLlHlsOnAGatewayWhoseDefaultIsMpegTs() throws Exception {
        JsonObject created = gateway.createChannel("perll", camera.url(), "\"packaging\":\"ll\"");
        assertEquals("ll", created.getString("packaging"));

        HttpResponse<String> playlist = gateway.get("read/perll/index.m3u8");

        assertEquals(200, playlist.statusCode(), playlist.body());
        LlPlaylistChecker.check(playlist.body());
        assertTrue(playlist.body().contains("#EXT-X-PART:") && playlist.body().contains("#EXT-X-MAP:"), playlist.body());
        assertTrue(gateway.get("watch/perll", "text/html").body().contains("data-low-latency=\"true\""));
    }
}
