package org.hlsgateway.transcoding.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hlsgateway.load.ProcessSampler;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.FfmpegProcesses;
import org.hlsgateway.testsupport.Metrics;
import org.hlsgateway.testsupport.RtspCamera;
import org.hlsgateway.testsupport.ThreadCensus;
import org.junit.jupiter.api.Test;

/** 1,000 starts and stops of one channel: FFmpeg processes, threads and open files come back to their baseline. */
class StartStopSoakIT extends DeployedGateway {

    private static final int CYCLES = 1_000;
    private static final Path WORK = Path.of(System.getProperty("hls.test.dir", "target/it")).resolve("work");

    /** Name prefixes of the threads the gateway starts itself. */
    private static final String[] OWN_THREADS = {"ffmpeg-", "hls-", "process reaper"};
    /** Name prefixes of the container's pools that grow on demand up to a configured maximum. */
    private static final String[] CONTAINER_POOLS = {"__ejb-thread-pool", "hz.", "http-thread-pool",
        "concurrent/", "Executor-Service", "payara-executor"};

    private static int censusTotal(Map<String, Integer> census) {
        return census.values().stream().mapToInt(Integer::intValue).sum();
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
                long pid = ProcessSampler.listeningOn(deployment.getPort()).orElseThrow();
                Map<String, Integer> censusBefore = ThreadCensus.of(pid);
                double threadsBefore = Metrics.value(gateway, "hls_jvm_threads");
                double filesBefore = Metrics.value(gateway, "hls_open_files");

                for (int i = 0; i < CYCLES; i++) {
                    cycle();
                }

                assertTrue(FfmpegProcesses.awaitNone("soak", 5_000), "every FFmpeg is reaped");
                Thread.sleep(2_000);
                double threadsAfter = Metrics.value(gateway, "hls_jvm_threads");
                double filesAfter = Metrics.value(gateway, "hls_open_files");
                Map<String, Integer> censusAfter = ThreadCensus.of(pid);
                // the JDK's "process reaper" is a cached pool: a thread that waited for an FFmpeg to exit lingers
                // idle for 60 s, and a loaded machine overlaps more exits, so wait out that keep-alive before
                // calling a thread above the baseline a leak
                long lingerDeadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(70);
                while (ThreadCensus.count(censusAfter, OWN_THREADS) > ThreadCensus.count(censusBefore, OWN_THREADS)
                        && System.nanoTime() < lingerDeadline) {
                    Thread.sleep(1_000);
                    censusAfter = ThreadCensus.of(pid);
                }
                String changed = ThreadCensus.diff(censusBefore, censusAfter);
                System.out.printf("soak: %d cycles; threads %.0f -> %.0f; open files %.0f -> %.0f; changed %s%n",
                        CYCLES, threadsBefore, threadsAfter, filesBefore, filesAfter, changed);
                // the gateway's own threads (FFmpeg launcher and stderr readers, watcher, responders) are back
                assertTrue(ThreadCensus.count(censusAfter, OWN_THREADS) <= ThreadCensus.count(censusBefore, OWN_THREADS),
                        "the gateway's own threads are back at their baseline: " + changed);
                // the rest: the container's on-demand pools (EJB, Hazelcast's cached pool, HTTP) grow and shrink on
                // their own within their configured maximum; anything else that grew would be a leak
                int othersBefore = censusTotal(censusBefore) - ThreadCensus.count(censusBefore, CONTAINER_POOLS);
                int othersAfter = censusTotal(censusAfter) - ThreadCensus.count(censusAfter, CONTAINER_POOLS);
                assertTrue(othersAfter <= othersBefore + 3, "threads outside the container's pools: " + changed);
                assertTrue(threadsAfter <= threadsBefore + 40, "threads " + threadsBefore + " -> " + threadsAfter + ": " + changed);
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
