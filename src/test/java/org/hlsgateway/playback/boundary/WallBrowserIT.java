package org.hlsgateway.playback.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hlsgateway.testsupport.Browser;
import org.hlsgateway.testsupport.Camera;
import org.hlsgateway.testsupport.Chromium;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.FfmpegProcesses;
import org.hlsgateway.testsupport.RtspCamera;
import org.hlsgateway.testsupport.pages.Layout;
import org.hlsgateway.testsupport.pages.LoginPage;
import org.hlsgateway.testsupport.pages.WallPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/** The camera wall in real headless Chromium: four channels of one real camera, real FFmpeg (idle timeout 3 s). */
class WallBrowserIT extends DeployedGateway {

    private static final List<String> TILES = List.of("wall-1", "wall-2", "wall-3", "wall-4");
    private static final long IDLE_TIMEOUT_MILLIS = 3_000; // HLS_IDLE_TIMEOUT of the ITs (pom.xml)

    @Camera
    RtspCamera camera;
    @Chromium
    ChromeDriver browser;

    @AfterEach
    void stop() throws Exception {
        for (String nickname : TILES) {
            gateway.send("DELETE", "api/channels/" + nickname, null);
        }
        gateway.send("DELETE", "api/channels/wall-dead", null);
        gateway.send("DELETE", "api/users/wallviewer", null);
    }

    /**
     * A viewer's wall of one group: two public and two protected channels, all four play (protected ones through the
     * session), a click shows one full screen, the grid fits 1920 and 390 px wide, and closing the wall stops all
     * four FFmpeg within the idle timeout plus 1 s. Prints the cold and warm first-frame times.
     */
    @Test
    void fourTilesPlayAndTheirFfmpegStopWhenTheWallCloses() throws Exception {
        for (String nickname : TILES) {
            boolean protectedOne = nickname.endsWith("3") || nickname.endsWith("4");
            gateway.createChannel(nickname, camera.url(), "\"name\":\"Wall " + nickname.substring(5) + "\",\"group\":\"wallit\""
                    + (protectedOne ? ",\"public\":false" : ""));
        }
        gateway.send("DELETE", "api/users/wallviewer", null);
        assertEquals(201, gateway.send("POST", "api/users",
                "{\"username\":\"wallviewer\",\"password\":\"wall-viewer-pw1\",\"role\":\"viewer\"}").statusCode());
        String anonymousWall = gateway.anonymous().get("wall?group=wallit", "text/html").body();
        assertTrue(anonymousWall.contains("data-nickname=\"wall-1\"") && anonymousWall.contains("data-nickname=\"wall-2\""), anonymousWall);
        assertTrue(!anonymousWall.contains("data-nickname=\"wall-3\"") && !anonymousWall.contains("data-nickname=\"wall-4\""),
                "anonymous visitors see public channels only");

        LoginPage.open(browser, gateway.uri("")).logInAs("wallviewer", "wall-viewer-pw1");
        Browser.viewport(browser, 1920, 1080);
        WallPage wall = WallPage.open(browser, gateway.uri("wall?group=wallit"));
        assertEquals(TILES, wall.nicknames());
        assertTrue(browser.getTitle().startsWith("Wall · wallit"), browser.getTitle());
        Map<String, Number> first = wall.awaitAllPlayed(1.0, Duration.ofSeconds(60));
        Map<String, Number> cold = wall.firstFrameMillis();
        // every tile 2 s past its own first reading: wait for the one that was furthest on
        Map<String, Number> later = wall.awaitAllPlayed(
                first.values().stream().mapToDouble(Number::doubleValue).max().orElseThrow() + 2.0, Duration.ofSeconds(20));
        WallPage shown = wall;
        for (String nickname : TILES) {
            assertTrue(later.get(nickname).doubleValue() >= first.get(nickname).doubleValue() + 2.0,
                    nickname + "'s video.currentTime advances: " + first + " -> " + later);
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)) // not "Buffering…" for long
                    .until(b -> shown.status(nickname).startsWith("Live"));
            assertEquals(1, FfmpegProcesses.forChannel(nickname).size(), nickname + " runs one FFmpeg");
        }
        Layout layout = new Layout(browser);
        assertTrue(layout.scrollWidth() <= layout.innerWidth(), "no sideways scroll at 1920: " + layout.scrollWidth());
        assertTrue(wall.columns() >= 4, "a TV-size screen shows the four side by side: " + wall.columns());
        Browser.screenshot(browser, "wall-1920");

        assertTrue(wall.clickForFullScreen("wall-2"), "a click shows the channel full screen");
        wall.exitFullScreen();

        browser.navigate().refresh(); // the channels still run: a warm start
        wall = WallPage.open(browser, gateway.uri("wall?group=wallit"));
        wall.awaitAllPlayed(0.5, Duration.ofSeconds(30));
        Map<String, Number> warm = wall.firstFrameMillis();
        System.out.println("wall first frame (ms after navigation), cold: " + cold + ", warm: " + warm);

        browser.get("about:blank"); // the wall closes
        long closed = System.nanoTime();
        for (String nickname : TILES) {
            assertTrue(FfmpegProcesses.awaitNone(nickname, 15_000), nickname + "'s FFmpeg stops");
        }
        long stoppedAfter = (System.nanoTime() - closed) / 1_000_000;
        System.out.println("wall closed: all 4 FFmpeg stopped " + stoppedAfter + " ms later (idle timeout " + IDLE_TIMEOUT_MILLIS + " ms)");
        assertTrue(stoppedAfter <= IDLE_TIMEOUT_MILLIS + 1_000, "all four stop within the idle timeout plus 1 s: " + stoppedAfter + " ms");

        Browser.viewport(browser, 390, 844); // a phone: one column, nothing sideways
        wall = WallPage.open(browser, gateway.uri("wall?group=wallit"));
        assertTrue(layout.scrollWidth() <= layout.innerWidth(), "no sideways scroll at 390: " + layout.scrollWidth());
        assertEquals(1, wall.columns(), "a phone shows one tile a row");
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(40))
                .until(b -> wall1Plays(b));
        Browser.screenshot(browser, "wall-390");

        browser.get(gateway.uri("admin/list/").toString());
        browser.findElement(org.openqa.selenium.By.id("wall")).click(); // one click from the channel list
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.getTitle().startsWith("Wall"));
        assertTrue(browser.getCurrentUrl().endsWith("/hls_gateway/wall"), browser.getCurrentUrl());
        assertTrue(browser.findElements(org.openqa.selenium.By.cssSelector(".wall-tile")).size() >= TILES.size());
    }

    /** A source that refuses connections: its tile says why, and that it tries again. */
    @Test
    void aDeadSourcesTileShowsTheGatewaysReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway.createChannel("wall-dead", "rtsp://127.0.0.1:" + closedPort + "/dead", "\"name\":\"Dead\",\"group\":\"walldead\"");

        WallPage wall = WallPage.open(browser, gateway.uri("wall?group=walldead"));
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(20))
                .until(b -> wall.status("wall-dead").contains("Connection refused"));

        assertEquals(List.of("wall-dead"), wall.nicknames());
        assertEquals("failed", wall.state("wall-dead"));
        assertTrue(wall.status("wall-dead").contains("retrying"), wall.status("wall-dead"));
        Browser.screenshot(browser, "wall-dead");
    }

    private static boolean wall1Plays(org.openqa.selenium.WebDriver b) {
        Object t = ((org.openqa.selenium.JavascriptExecutor) b).executeScript(
                "var v = document.querySelector(\".wall-tile[data-nickname='wall-1'] video\"); return v ? v.currentTime : 0;");
        return ((Number) t).doubleValue() > 0.5;
    }
}
