package org.hlsgateway.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.Metrics;
import org.hlsgateway.testsupport.OpenApiDocument;
import org.hlsgateway.testsupport.RtspCamera;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MicroProfile Health and the gateway's metrics answer, the counters move when a channel starts, and the OpenAPI document is valid. */
class OperationsIT extends DeployedGateway {

    URI server;

    /** Arquillian injects the deployment URL in time for a {@code @BeforeEach} method. */
    @BeforeEach
    void connect() {
        server = URI.create(deployment.toString()).resolve("/");
    }

    @Test
    void healthIsUpAndMetricsCountStartsFirstSegmentsAndBytes() throws Exception {

        HttpResponse<String> live = gateway.get(Metrics.health(server).resolve("live"));
        HttpResponse<String> ready = gateway.get(Metrics.health(server).resolve("ready"));
        assertEquals(200, live.statusCode(), live.body());
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject readiness = Gateway.json(ready.body());
        assertEquals("UP", readiness.getString("status"));

        double startsBefore = Metrics.value(gateway, "hls_transcoder_starts_total");
        double firstSegmentsBefore = Metrics.value(gateway, "hls_first_segment_seconds_count");
        double bytesBefore = Metrics.value(gateway, "hls_served_bytes_total");
        try (RtspCamera camera = RtspCamera.start()) {
            gateway.createChannel("metrics1", camera.url(), null);
            HttpResponse<String> watch = gateway.get("watch/metrics1");
            assertEquals(302, watch.statusCode());
            assertEquals(200, gateway.get(URI.create(watch.headers().firstValue("Location").orElseThrow())).statusCode());

            String text = Metrics.text(gateway);
            assertEquals(startsBefore + 1, Metrics.value(text, "hls_transcoder_starts_total"));
            assertEquals(firstSegmentsBefore + 1, Metrics.value(text, "hls_first_segment_seconds_count"));
            double seconds = Metrics.value(text, "hls_first_segment_seconds_sum");
            assertTrue(seconds > 0 && seconds < 60 * (firstSegmentsBefore + 1), "the sum is in seconds: " + seconds);
            assertEquals(firstSegmentsBefore + 1, Metrics.value(text, "hls_first_segment_seconds_bucket{le=\"+Inf\"}"));
            assertTrue(Metrics.value(text, "hls_served_bytes_total") > bytesBefore);
            assertTrue(Metrics.value(text, "hls_transcoders_running") >= 1);
            assertTrue(Metrics.value(text, "hls_viewers{channel=\"metrics1\"}") >= 1);
            assertEquals(0, Metrics.value(text, "hls_transcoder_failures_total{reason=\"timeout\"}"));
            assertTrue(Metrics.value(text, "hls_jvm_threads") > 10);
            assertTrue(Metrics.value(text, "hls_open_files") > 10);
            // one node, not clustered: it lists itself, with what it runs
            assertEquals(1, Metrics.value(text, "hls_cluster_nodes"));
            assertEquals(Metrics.value(text, "hls_transcoders_running"),
                    Metrics.value(text, "hls_cluster_node_transcoders{node=\"single\"}"));
        }
    }

    /** Prometheus' own linter finds nothing in the gateway's lines (names, units, _total, HELP, TYPE). */
    @Test
    void promtoolFindsNothingToComplainAbout() throws Exception {
        try (RtspCamera camera = RtspCamera.start()) {
            gateway.createChannel("metrics2", camera.url(), null);
            assertEquals(302, gateway.get("watch/metrics2").statusCode()); // a viewer gauge and a first segment
            List<String> lines = Metrics.gatewayLines(Metrics.text(gateway));
            assertTrue(lines.contains("# TYPE hls_first_segment_seconds histogram"), String.join("\n", lines));

            Process promtool = new ProcessBuilder(System.getProperty("hls.promtool", "/usr/bin/promtool"), "check", "metrics")
                    .redirectErrorStream(true).start();
            try (var in = promtool.getOutputStream()) {
                in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String complaints = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool hangs");
            assertEquals("", complaints.strip(), "promtool check metrics");
            assertEquals(0, promtool.exitValue(), "promtool check metrics");
        }
    }

    /**
     * The document an integrator generates a client from: valid OpenAPI 3 by swagger-parser, every
     * operation (JAX-RS and servlet) with a summary and its real answers, Basic on the API, and
     * paths that resolve against the server URL it names.
     */
    @Test
    void theOpenApiDocumentIsValidAndDescribesEveryOperation() throws Exception {
        HttpResponse<String> served = gateway.get(server.resolve("openapi"));
        assertEquals(200, served.statusCode());

        OpenApiDocument document = OpenApiDocument.parse(served.body());
        assertEquals(List.of(), document.problems, "the validator's messages");
        OpenAPI api = document.api;
        assertTrue(api.getOpenapi().startsWith("3."), api.getOpenapi());
        assertEquals("HLS Gateway", api.getInfo().getTitle());

        List<String> expected = List.of("/api/channels", "/api/channels/{nickname}", "/api/channels/{nickname}/playback-url",
                "/api/channels/{nickname}/probe", "/api/channels/{nickname}/start", "/api/channels/{nickname}/stop",
                "/api/channels/import", "/api/users", "/api/users/{username}", "/api/playlist.m3u", "/api/playlist-url", "/api/tokens", "/api/tokens/{id}",
                "/watch/{nickname}", "/read/{nickname}/index.m3u8", "/read/{nickname}/{segment}",
                "/read/{nickname}/preview.jpg", "/playlist.m3u");
        List<String> missingPaths = expected.stream().filter(p -> !api.getPaths().containsKey(p)).toList();
        assertEquals(List.of(), missingPaths, "paths missing; the document has " + api.getPaths().keySet());
        assertEquals(List.of(), document.faults());
        assertEquals(25, document.operations(), "21 JAX-RS operations (deleteChannelGroup, the two token ones and listNodes among them) and 4 servlet ones");

        Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
        assertEquals(SecurityScheme.Type.HTTP, schemes.get("basic").getType());
        assertEquals("basic", schemes.get("basic").getScheme());
        assertEquals(SecurityScheme.Type.APIKEY, schemes.get("playbackToken").getType());
        assertEquals(SecurityScheme.In.QUERY, schemes.get("playbackToken").getIn());
        assertEquals("token", schemes.get("playbackToken").getName());
        assertEquals(Set.of("status", "message", "errors"), api.getComponents().getSchemas().get("Error").getProperties().keySet());
        assertEquals("#/components/schemas/Error", api.getPaths().get("/api/channels/{nickname}").getGet().getResponses()
                .get("404").getContent().get("application/json").getSchema().get$ref());
        assertTrue(String.valueOf(api.getComponents().getSchemas().get("ChannelInput").getExample()).contains("rtsp://"),
                "a channel example");
        assertNotNull(api.getPaths().get("/api/channels/import").getPost().getRequestBody().getContent().get("text/csv")
                .getExamples().get("csv"), "a CSV import example");

        // the server URL is relative; server URL + path must reach the operation on the host that served the document
        String serverUrl = api.getServers().get(0).getUrl();
        assertEquals("/hls_gateway", serverUrl);
        for (String path : List.of("/api/channels", "/api/users", "/api/playlist-url", "/api/playlist.m3u", "/playlist.m3u")) {
            URI target = server.resolve(serverUrl + path);
            String relative = URI.create(deployment.toString()).relativize(target).toString();
            assertFalse(relative.startsWith("http"), target + " is outside the deployment " + deployment);
            assertEquals(200, gateway.get(relative).statusCode(), target.toString());
        }
    }
}
