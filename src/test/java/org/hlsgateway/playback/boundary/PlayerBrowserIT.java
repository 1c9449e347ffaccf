package org.hlsgateway.playback.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import org.hlsgateway.testsupport.Browser;
import org.hlsgateway.testsupport.Camera;
import org.hlsgateway.testsupport.Chromium;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.Metrics;
import org.hlsgateway.testsupport.RtspCamera;
import org.hlsgateway.testsupport.pages.PlayerPage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/** Real headless Chromium plays a cold channel through hls.js. */
class PlayerBrowserIT extends DeployedGateway {

    @Camera
    RtspCamera camera;
    @Chromium
    ChromeDriver browser;

    @Test
    void theWatchUrlPlaysInChromium() throws Exception {
        gateway.createChannel("browser1", camera.url(), "\"name\":\"Browser cam\"");

        PlayerPage player = PlayerPage.open(browser, gateway.uri("watch/browser1"));
        double first = player.awaitPlayedSeconds(1.0, Duration.ofSeconds(40));
        double later = player.awaitPlayedSeconds(first + 2.0, Duration.ofSeconds(20));

        assertEquals("Browser cam", player.title());
        // a brief "Buffering…" on a loaded CI machine is allowed; the player must come back to live by itself
        String status = player.awaitStatusStartingWith("Live", Duration.ofSeconds(10));
        assertTrue(status.startsWith("Live"), "the status says live, and how far behind: " + status);
        assertTrue(later >= first + 2.0, "video.currentTime must advance: " + first + " -> " + later);
        assertEquals("LIVE", gateway.channel("browser1").getString("state"));
        assertEquals(1, gateway.channel("browser1").getInt("viewers"));
    }

    /**
     * A camera that refuses connections, watched for 30 s: the page shows the gateway's reason (not "Network
     * error (502)"), and the gateway's back-off (1 s, doubling) keeps FFmpeg starts to a handful.
     */
    @Test
    void aDeadSourceShowsTheGatewaysReasonAndStartsFfmpegAFewTimesOnly() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway.createChannel("browser-dead", "rtsp://127.0.0.1:" + closedPort + "/dead", "\"name\":\"Dead cam\"");
        try {
            double startsBefore = Metrics.value(gateway, "hls_transcoder_starts_total");
            long opened = System.nanoTime();

            PlayerPage player = PlayerPage.open(browser, gateway.uri("watch/browser-dead"));
            String shown = player.awaitStatusContaining("Connection refused", Duration.ofSeconds(20));
            long shownAfterMillis = (System.nanoTime() - opened) / 1_000_000;
            Thread.sleep(Math.max(0, 30_000 - (System.nanoTime() - opened) / 1_000_000)); // a viewer that keeps trying
            double starts = Metrics.value(gateway, "hls_transcoder_starts_total") - startsBefore;

            System.out.println("dead source: reason shown after " + shownAfterMillis + " ms: " + shown
                    + "; FFmpeg starts in 30 s: " + (long) starts);
            assertTrue(shown.contains("127.0.0.1:" + closedPort), shown);
            assertTrue(player.status().contains("Connection refused"), "the reason stays on screen: " + player.status());
            assertTrue(starts >= 2, "the player kept trying: " + starts + " starts");
            assertTrue(starts <= 5, "the back-off holds FFmpeg starts to 5 in 30 s, not one per retry: " + starts);
            assertEquals(1, player.elementsShowing("Connection refused"), "the reason is shown once");
        } finally {
            gateway.send("DELETE", "api/channels/browser-dead", null);
        }
    }
}
