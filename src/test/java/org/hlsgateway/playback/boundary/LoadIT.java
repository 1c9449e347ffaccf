package org.hlsgateway.playback.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hlsgateway.load.LoadScenario;
import org.hlsgateway.load.LoadTool;
import org.hlsgateway.load.ProcessSampler;
import org.hlsgateway.load.ThunderingHerd;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.FfmpegProcesses;
import org.hlsgateway.testsupport.RtspCamera;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A shortened run of the load tool (README, Load test): simulated players on live channels of one
 * camera miss nothing, and a thundering herd on a cold channel starts one FFmpeg.
 */
class LoadIT extends DeployedGateway {

    static final int VIEWERS = 100;
    static final int CHANNELS = 5;
    static final Duration DURATION = Duration.ofSeconds(20);
    static final int HERD = 200;

    static final List<RtspCamera> cameras = new ArrayList<>();

    URI base;

    @BeforeAll
    static void startCamera() throws Exception {
        // light cameras, one per channel: on 2 cores a starved encoder stalls for real, and the shared test
        // camera holds back its clients while another one joins; the gateway restarts stalled sources
        for (int i = 0; i < CHANNELS; i++) {
            cameras.add(RtspCamera.startWith("--width", "320", "--height", "180", "--fps", "15"));
        }
    }

    @AfterAll
    static void stopCamera() throws Exception {
        for (RtspCamera camera : cameras) {
            camera.close();
        }
    }

    /** Arquillian injects the deployment URL in time for a {@code @BeforeEach} method. */
    @BeforeEach
    void connect() {
        base = URI.create(deployment.toString());
    }

    @Test
    void viewersPollingLiveChannelsGetEverySegmentWithoutAnError() throws Exception {
        List<String> channels = new ArrayList<>();
        for (int i = 1; i <= CHANNELS; i++) {
            channels.add("loadit" + i);
            gateway.createChannel("loadit" + i, cameras.get(i - 1).url(), null);
        }

        LoadScenario.Result result = new LoadScenario(base, channels, VIEWERS, DURATION, Duration.ofSeconds(1))
                .run(ProcessSampler.listeningOn(deployment.getPort()));

        System.out.print(LoadTool.report(result));
        assertEquals(0, result.errors(), "errors: " + result.errorLines());
        assertEquals(0, result.missed(), "missed segments: " + result.errorLines());
        // 20 s of 1 s segments, less the time a viewer needs to join
        assertTrue(result.minSegmentsPerViewer() >= DURATION.toSeconds() / 2,
                "a viewer got only " + result.minSegmentsPerViewer() + " segments");
    }

    @Test
    void twoHundredSimultaneousFirstRequestsToAColdChannelStartOneFfmpegAndAllPlay() throws Exception {
        ThunderingHerd.Result herd;
        double startsBefore;
        double startsAfter;
        try (RtspCamera own = RtspCamera.start()) {
            gateway.createChannel("loadherd1", own.url(), null);
            startsBefore = LoadTool.starts(gateway, base);

            herd = new ThunderingHerd(base, "loadherd1", HERD)
                    .run(() -> FfmpegProcesses.forChannel("loadherd1").stream().map(ProcessHandle::pid).toList());
            startsAfter = LoadTool.starts(gateway, base);
        }

        System.out.print(LoadTool.report(herd, "loadherd1", startsAfter - startsBefore));
        assertEquals(List.of(), herd.failures().stream().distinct().toList());
        assertEquals(HERD, herd.playable());
        assertEquals(1, herd.ffmpegPids().size(), "FFmpeg processes seen: " + herd.ffmpegPids());
        assertEquals(startsBefore + 1, startsAfter, "hls_transcoder_starts_total");
    }
}
