package org.hlsgateway.transcoding.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.RtspCamera;
import org.junit.jupiter.api.Test;

/** Codecs, resolution and uptime from FFmpeg's own output, preview stills, and probing a source. */
class LiveStatusIT extends DeployedGateway {

    @Test
    void aLiveChannelReportsItsInputAndShowsAPreviewFromItsSegments() throws Exception {
        try (RtspCamera camera = RtspCamera.start()) {
            gateway.createChannel("status1", camera.url(), "\"public\":false");
            String token = org.hlsgateway.testsupport.Tokens.valid(gateway, "status1");
            assertEquals(302, gateway.anonymous().get("watch/status1?token=" + token).statusCode());

            JsonObject status = gateway.channel("status1");
            JsonObject input = status.getJsonObject("input");
            assertEquals("LIVE", status.getString("state"));
            assertEquals("h264", input.getString("videoCodec"));
            assertEquals(640, input.getInt("width"));
            assertEquals(360, input.getInt("height"));
            assertEquals("pcm_alaw", input.getString("audioCodec"));
            assertTrue(status.getJsonNumber("uptimeSeconds").longValue() >= 0);
            // RTSP gives FFmpeg no bitrate: it is measured from the segments (the camera sends ~600 kbit/s of video)
            int kbps = input.getInt("bitrateKbps");
            assertTrue(kbps > 100 && kbps < 3000, "measured bitrate " + kbps);

            HttpResponse<byte[]> preview = gateway.anonymous().getBytes("read/status1/preview.jpg?token=" + token);
            assertEquals(200, preview.statusCode());
            assertEquals("image/jpeg", preview.headers().firstValue("Content-Type").orElse(""));
            assertEquals((byte) 0xFF, preview.body()[0]);
            assertEquals((byte) 0xD8, preview.body()[1]);
            assertEquals(403, gateway.anonymous().getBytes("read/status1/preview.jpg").statusCode(),
                    "previews of protected channels need access too");

            int connectsBefore = camera.connects();
            JsonObject probe = Gateway.json(gateway.send("POST", "api/channels/status1/probe", null).body());
            assertTrue(probe.getBoolean("reachable"));
            assertTrue(probe.getString("summary").startsWith("h264 640x360"), probe.toString());
            assertEquals(connectsBefore, camera.connects(), "probing a live channel makes no second connection");
        }
    }

    @Test
    void probingAnIdleSourceConnectsOnceAndProbingADeadOneReportsTheError() throws Exception {
        try (RtspCamera camera = RtspCamera.start()) {
            gateway.createChannel("probe1", camera.url(), null);

            JsonObject ok = Gateway.json(gateway.send("POST", "api/channels/probe1/probe", null).body());

            assertTrue(ok.getBoolean("reachable"), ok.toString());
            assertTrue(ok.getString("summary").contains("pcm_alaw 8000 Hz"), ok.toString());
            assertEquals(1, camera.connects());
            assertTrue(camera.awaitNoClients(java.time.Duration.ofSeconds(5)), "the probe disconnects");
            assertEquals("IDLE", gateway.channel("probe1").getString("state"));
        }
        gateway.createChannel("probe2", "rtsp://127.0.0.1:" + RtspCamera.freePort() + "/none", null);
        JsonObject dead = Gateway.json(gateway.send("POST", "api/channels/probe2/probe", null).body());
        assertFalse(dead.getBoolean("reachable"));
        assertTrue(dead.getString("error").contains("refused"), dead.toString());
        assertEquals(401, gateway.anonymous().send("POST", "api/channels/probe2/probe", null).statusCode());
    }
}
