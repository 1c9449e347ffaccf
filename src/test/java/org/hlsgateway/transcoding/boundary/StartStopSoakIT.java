package org.hlsgateway.transcoding.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hlsgateway.testsupport.Deployments;
import org.hlsgateway.testsupport.FfmpegProcesses;
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

/** 1,000 starts and stops of one channel: FFmpeg processes, threads and open files come back to their baseline. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StartStopSoakIT {

    private static final int CYCLES = 1_000;
    private static final Path WORK = Path.of(System.getProperty("hls.test.dir", "target/it")).resolve("work");

    @ArquillianResource
    URL deployment;

    Gateway gateway;
    URI server;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gateway();
    }

    @BeforeEach
    void connect() {
        gateway = new Gateway(deployment);
        server = URI.create(deployment.toString()).resolve("/");
    }

    private void cycle() throws Exception {
        HttpResponse<String> start = gateway.send("POST", "api/channels/soak/start", null);
        assertEquals(202, start.statusCode(), start.body());
        HttpResponse<String> stop = gateway.send("POST", "api/channels/soak/stop", null);
        assertEquals(200, stop.statusCode(), stop.body());
    }

    @Test
    void aThousandStartsAndStopsLeaveNothingBehind() throws Exception {
        try (RtspCamera camera = RtspCamera.start()) {
            gateway.createChannel("soak", camera.url(), null);
            try {
                for (int i = 0; i < 20; i++) {
                    cycle(); // warm up: pools and lazily created threads reach their steady size
                }
                Thread.sleep(1_000);
                double threadsBefore = Metrics.value(gateway, server, "hls_jvm_threads");
                double filesBefore = Metrics.value(gateway, server, "hls_open_files");

                for (int i = 0; i < CYCLES; i++) {
                    cycle();
                }

                assertTrue(FfmpegProcesses.awaitNone("soak", 5_000), "every FFmpeg is reaped");
                Thread.sleep(2_000);
                double threadsAfter = Metrics.value(gateway, server, "hls_jvm_threads");
                double filesAfter = Metrics.value(gateway, server, "hls_open_files");
                System.out.printf("soak: %d cycles; threads %.0f -> %.0f; open files %.0f -> %.0f%n",
                        CYCLES, threadsBefore, threadsAfter, filesBefore, filesAfter);
                assertTrue(threadsAfter <= threadsBefore + 10, "threads " + threadsBefore + " -> " + threadsAfter);
                assertTrue(filesAfter <= filesBefore + 10, "open files " + filesBefore + " -> " + filesAfter);
                try (Stream<Path> dirs = Files.list(WORK)) {
                    assertEquals(List.of(), dirs.filter(d -> d.getFileName().toString().startsWith("soak-")).toList(),
                            "no segment directory left");
                }
                assertEquals("IDLE", gateway.channel("soak").getString("state"));
                assertTrue(camera.awaitNoClients(java.time.Duration.ofSeconds(5)) || camera.connects() == 0,
                        "the camera has no client left");
            } finally {
                gateway.send("DELETE", "api/channels/soak", null);
            }
        }
    }
}
