package org.hlsgateway.channels.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.FfmpegProcesses;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.RtspCamera;
import org.junit.jupiter.api.Test;

/** The channels REST API on a real Payara Micro with its H2 database. */
class ChannelsApiIT extends DeployedGateway {

    @Test
    void createReadUpdateDelete() throws Exception {
        gateway.send("DELETE", "api/channels/crud1", null);
        gateway.send("DELETE", "api/channels/crud2", null);

        HttpResponse<String> created = gateway.send("POST", "api/channels",
                "{\"nickname\":\"crud1\",\"url\":\"rtsp://admin:hunter2@10.0.0.5:554/stream1\",\"name\":\"Gate\",\"audio\":\"none\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/hls_gateway/api/channels/crud1"));
        JsonObject body = Gateway.json(created.body());
        assertEquals("rtsp://admin:***@10.0.0.5:554/stream1", body.getString("url"));
        assertFalse(created.body().contains("hunter2"), "credentials must never be echoed");
        assertEquals("none", body.getString("audio"));
        assertEquals("tcp", body.getString("rtspTransport"));
        assertEquals("copy", body.getString("video"));
        assertEquals("IDLE", body.getString("state"));
        assertEquals(0, body.getInt("viewers"));
        assertTrue(body.getString("watchUrl").endsWith("/hls_gateway/watch/crud1"));

        HttpResponse<String> list = gateway.get("api/channels");
        assertEquals(200, list.statusCode());
        assertFalse(list.body().contains("hunter2"));
        assertTrue(Gateway.jsonArray(list.body()).getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("nickname")).collect(Collectors.toSet()).contains("crud1"));

        // send the masked URL back: the stored credentials stay, the other fields change
        HttpResponse<String> updated = gateway.send("PUT", "api/channels/crud1",
                "{\"nickname\":\"crud2\",\"url\":\"rtsp://admin:***@10.0.0.5:554/stream1\",\"name\":\"Gate 2\",\"video\":\"h264\"}");
        assertEquals(200, updated.statusCode(), updated.body());
        JsonObject renamed = Gateway.json(updated.body());
        assertEquals("crud2", renamed.getString("nickname"));
        assertEquals("Gate 2", renamed.getString("name"));
        assertEquals("h264", renamed.getString("video"));
        assertEquals("rtsp://admin:***@10.0.0.5:554/stream1", renamed.getString("url"));
        assertEquals(404, gateway.get("api/channels/crud1").statusCode());
        assertEquals(200, gateway.get("api/channels/crud2").statusCode());

        assertEquals(204, gateway.send("DELETE", "api/channels/crud2", null).statusCode());
        assertEquals(404, gateway.get("api/channels/crud2").statusCode());
        assertEquals(404, gateway.send("DELETE", "api/channels/crud2", null).statusCode());
    }

    @Test
    void invalidInputIs400NamingTheFieldAndStoresNothing() throws Exception {
        assertBadRequest("{\"nickname\":\"Bad Name\",\"url\":\"rtsp://h/x\"}", "nickname", "bad name");
        assertBadRequest("{\"nickname\":\"file1\",\"url\":\"file:///etc/passwd\"}", "url", "file1");
        assertBadRequest("{\"nickname\":\"concat1\",\"url\":\"concat:/etc/passwd|/etc/hosts\"}", "url", "concat1");
        assertBadRequest("{\"nickname\":\"long1\",\"url\":\"rtsp://h/" + "x".repeat(3000) + "\"}", "url", "long1");
        assertBadRequest("{\"nickname\":\"name1\",\"url\":\"rtsp://h/x\",\"name\":\"" + "n".repeat(300) + "\"}", "name", "name1");
        assertBadRequest("{\"nickname\":\"audio1\",\"url\":\"rtsp://h/x\",\"audio\":\"mp3\"}", "audio", "audio1");
        assertBadRequest("{\"nickname\":\"tr1\",\"url\":\"rtsp://h/x\",\"rtspTransport\":\"sctp\"}", "rtspTransport", "tr1");
        assertBadRequest("{\"nickname\":\"x1\",\"url\":\"rtsp://h/x\",\"admin\":true}", "admin", "x1");
        assertBadRequest("{\"nickname\":7,\"url\":\"rtsp://h/x\"}", "nickname", null);
        assertBadRequest("{\"url\":\"rtsp://h/x\"}", "nickname", null);

        HttpResponse<String> notJson = gateway.send("POST", "api/channels", "{\"nickname\":");
        assertEquals(400, notJson.statusCode());
        assertTrue(Gateway.json(notJson.body()).getString("message").contains("JSON"));
        assertFalse(notJson.body().contains("Exception"), "no stack traces: " + notJson.body());
    }

    @Test
    void duplicateIs409AndUnknownIs404() throws Exception {
        gateway.createChannel("dup1", "rtsp://127.0.0.1:1/x", null);

        HttpResponse<String> again = gateway.send("POST", "api/channels", "{\"nickname\":\"dup1\",\"url\":\"rtsp://h/y\"}");

        assertEquals(409, again.statusCode());
        assertTrue(Gateway.json(again.body()).getString("message").contains("dup1"));
        assertEquals("rtsp://127.0.0.1:1/x", gateway.channel("dup1").getString("url"), "the first channel is unchanged");
        assertEquals(404, gateway.get("api/channels/nosuch").statusCode());
        assertEquals(404, gateway.send("PUT", "api/channels/nosuch", "{\"url\":\"rtsp://h/x\"}").statusCode());
    }

    @Test
    void deletingALiveChannelStopsItsFfmpeg() throws Exception {
        try (RtspCamera camera = RtspCamera.start()) {
            gateway.createChannel("live1", camera.url(), null);
            assertEquals(302, gateway.get("watch/live1").statusCode());
            assertEquals(1, FfmpegProcesses.forChannel("live1").size());
            assertEquals("LIVE", gateway.channel("live1").getString("state"));

            assertEquals(204, gateway.send("DELETE", "api/channels/live1", null).statusCode());

            assertTrue(FfmpegProcesses.forChannel("live1").isEmpty(), "DELETE returns after FFmpeg is gone");
            assertEquals(404, gateway.get("watch/live1").statusCode());
        }
    }

    private void assertBadRequest(String json, String field, String nicknameThatMustNotExist) throws Exception {
        HttpResponse<String> response = gateway.send("POST", "api/channels", json);
        assertEquals(400, response.statusCode(), json + " -> " + response.body());
        JsonObject error = Gateway.json(response.body());
        assertTrue(error.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> e.getString("field").equals(field)), "no error for " + field + ": " + response.body());
        assertFalse(error.getString("message").isBlank());
        if (nicknameThatMustNotExist != null && nicknameThatMustNotExist.matches("[a-z0-9_-]+")) {
            assertEquals(404, gateway.get("api/channels/" + nicknameThatMustNotExist).statusCode());
        }
    }

    /** Without HLS_CLUSTER (and always on WildFly) the node list is this one node, and no channel names a node. */
    @Test
    void aSingleNodeListsItselfAndNoGridRuns() throws Exception {
        HttpResponse<String> nodes = gateway.get("api/nodes");
        assertEquals(200, nodes.statusCode(), nodes.body());
        JsonObject listed = Gateway.json(nodes.body());
        assertFalse(listed.getBoolean("clustered"));
        assertEquals(1, listed.getJsonArray("nodes").size());
        assertTrue(listed.getJsonArray("nodes").getJsonObject(0).getBoolean("self"));
        assertEquals(401, gateway.anonymous().get("api/nodes").statusCode());

        // the console's node page says the same, and a single node's login sets no cluster login cookie
        org.hlsgateway.testsupport.ConsoleSession console = org.hlsgateway.testsupport.ConsoleSession.logIn(
                gateway.uri(""), "admin", Gateway.ADMIN_PASSWORD);
        HttpResponse<String> page = console.get("admin/nodes/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("A single node"), page.body());
        assertTrue(page.body().contains("(this node)"), page.body());
        HttpResponse<String> login = org.hlsgateway.testsupport.ConsoleSession.tryLogIn(gateway.uri(""), "admin",
                Gateway.ADMIN_PASSWORD);
        assertEquals(302, login.statusCode());
        assertFalse(login.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("HLS_LOGIN")),
                "plain sessions on a single node: " + login.headers().allValues("Set-Cookie"));
    }
}
