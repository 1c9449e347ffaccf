package org.hlsgateway.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import org.hlsgateway.testsupport.Deployments;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.RtspCamera;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MicroProfile Health and Metrics answer, and the counters move when a channel starts. */
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

        HttpResponse<String> live = gateway.get(server.resolve("health/live"));
        HttpResponse<String> ready = gateway.get(server.resolve("health/ready"));
        assertEquals(200, live.statusCode(), live.body());
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject readiness = Gateway.json(ready.body());
        assertEquals("UP", readiness.getString("status"));

        double startsBefore = metric(gateway, server, "hls_transcoder_starts_total");
        double firstSegmentsBefore = metric(gateway, server, "hls_first_segment_seconds_count");
        double bytesBefore = metric(gateway, server, "hls_served_bytes_total");
        try (RtspCamera camera = RtspCamera.start()) {
            gateway.createChannel("metrics1", camera.url(), null);
            HttpResponse<String> watch = gateway.get("watch/metrics1");
            assertEquals(302, watch.statusCode());
            assertEquals(200, gateway.get(URI.create(watch.headers().firstValue("Location").orElseThrow())).statusCode());

            assertEquals(startsBefore + 1, metric(gateway, server, "hls_transcoder_starts_total"));
            assertEquals(firstSegmentsBefore + 1, metric(gateway, server, "hls_first_segment_seconds_count"));
            assertTrue(metric(gateway, server, "hls_served_bytes_total") > bytesBefore);
            assertTrue(metric(gateway, server, "hls_transcoders_running") >= 1);
            assertTrue(gateway.get(server.resolve("metrics")).body().contains("hls_viewers{channel=\"metrics1\""));
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

    private static double metric(Gateway gateway, URI server, String name) throws Exception {
        return org.hlsgateway.testsupport.Metrics.value(gateway, server, name);
    }
}
