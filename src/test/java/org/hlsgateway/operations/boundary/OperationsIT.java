package org.hlsgateway.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hlsgateway.testsupport.Deployments;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.Metrics;
import org.hlsgateway.testsupport.RtspCamera;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MicroProfile Health and the gateway's metrics answer, and the counters move when a channel starts. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {

    @ArquillianResource
    URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gateway();
    }

    Gateway gateway;
    URI server;

    /** Arquillian injects the deployment URL in time for a {@code @BeforeEach} method. */
    @BeforeEach
    void connect() {
        gateway = new Gateway(deployment);
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

    @Test
    void theOpenApiDocumentDescribesTheRestApi() throws Exception {
        HttpResponse<String> openapi = gateway.get(server.resolve("openapi"));

        assertEquals(200, openapi.statusCode());
        String document = openapi.body();
        assertTrue(document.contains("title: HLS Gateway"), document.substring(0, Math.min(300, document.length())));
        assertTrue(document.contains("/hls_gateway"), "the server URL names the context root");
        assertTrue(document.contains("  /api/channels:"));
        assertTrue(document.contains("  /api/channels/{nickname}/playback-url:"));
        assertTrue(document.contains("  /api/channels/import:"));
    }
}
