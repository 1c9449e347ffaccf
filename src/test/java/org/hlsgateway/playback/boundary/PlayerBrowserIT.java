package org.hlsgateway.playback.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import org.hlsgateway.testsupport.Browser;
import org.hlsgateway.testsupport.Deployments;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.RtspCamera;
import org.hlsgateway.testsupport.pages.PlayerPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;

/** Real headless Chromium plays a cold channel through hls.js. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PlayerBrowserIT {

    @ArquillianResource
    URL deployment;

    RtspCamera camera;
    ChromeDriver browser;
    Gateway gateway;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gateway();
    }

    @BeforeEach
    void start() throws Exception {
        camera = RtspCamera.start();
        browser = Browser.start();
        gateway = new Gateway(deployment);
    }

    @AfterEach
    void stop() throws Exception {
        browser.quit();
        camera.close();
    }

    @Test
    void theWatchUrlPlaysInChromium() throws Exception {
        gateway.createChannel("browser1", camera.url(), "\"name\":\"Browser cam\"");

        PlayerPage player = PlayerPage.open(browser, gateway.uri("watch/browser1"));
        double first = player.awaitPlayedSeconds(1.0, Duration.ofSeconds(40));
        double later = player.awaitPlayedSeconds(first + 2.0, Duration.ofSeconds(20));

        assertEquals("Browser cam", player.title());
        assertTrue(later >= first + 2.0, "video.currentTime must advance: " + first + " -> " + later);
        assertEquals("LIVE", gateway.channel("browser1").getString("state"));
        assertEquals(1, gateway.channel("browser1").getInt("viewers"));
    }
}
