package org.hlsgateway.channels.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import org.hlsgateway.testsupport.Browser;
import org.hlsgateway.testsupport.Deployments;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.pages.ChannelEditPage;
import org.hlsgateway.testsupport.pages.ChannelListPage;
import org.hlsgateway.testsupport.pages.LoginPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin console and the front page in real headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleIT {

    @ArquillianResource
    URL deployment;

    ChromeDriver browser;
    Gateway gateway;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gateway();
    }

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
        gateway = new Gateway(deployment);
        gateway.send("DELETE", "api/channels/console1", null);
    }

    @AfterEach
    void stop() {
        browser.quit();
    }

    @Test
    void addAChannelSeeItListedThenDeleteIt() {
        ChannelListPage list = LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);

        list = list.add()
                .nickname("console1")
                .name("<i>Lobby</i>")
                .url("rtsp://viewer:topsecret@127.0.0.1:8554/lobby")
                .save();

        assertTrue(list.nicknames().contains("console1"), list.nicknames().toString());
        assertEquals("IDLE", list.state("console1"));
        assertEquals("rtsp://viewer:***@127.0.0.1:8554/lobby", list.source("console1"));
        assertFalse(list.pageSource().contains("topsecret"), "credentials never reach the page");
        assertTrue(list.nameHtml("console1").contains("&lt;i&gt;Lobby&lt;/i&gt;"), "markup is shown as text");
        assertTrue(list.watchUrl("console1").endsWith("/hls_gateway/watch/console1"));

        list.delete("console1");

        assertFalse(list.nicknames().contains("console1"));
    }

    @Test
    void invalidInputShowsTheReasonAndStoresNothing() throws Exception {
        ChannelEditPage form = LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD).add()
                .nickname("Console 1!")
                .url("file:///etc/passwd");

        String errors = form.saveExpectingErrors();

        assertTrue(errors.contains("nickname must match"), errors);
        assertTrue(errors.contains("url scheme must be one of"), errors);
        assertEquals(404, gateway.get("api/channels/console1").statusCode());
    }

    @Test
    void theFrontPageListsChannelsWithWatchLinks() throws Exception {
        gateway.createChannel("console1", "rtsp://127.0.0.1:8554/front", "\"name\":\"Front door\"");

        browser.get(gateway.uri("").toString());

        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.getPageSource().contains("Front door"));
        String href = browser.findElements(By.cssSelector("a.watch-link")).stream()
                .map(a -> a.getAttribute("href")).filter(h -> h.endsWith("/watch/console1")).findFirst().orElse("");
        assertTrue(href.endsWith("/hls_gateway/watch/console1"), href);
    }
}
