package org.hlsgateway.iptv.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hlsgateway.testsupport.Chromium;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.pages.ChannelListPage;
import org.hlsgateway.testsupport.pages.LoginPage;
import org.hlsgateway.testsupport.pages.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Import a file in the console: see the dry-run report, apply it, see the channels listed. */
class ImportBrowserIT extends DeployedGateway {

    @TempDir
    Path tmp;

    @Chromium
    ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        cleanUp();
    }

    @AfterEach
    void stop() throws Exception {
        cleanUp();
    }

    @Test
    void importAFileSeeTheDryRunApplyItSeeTheChannels() throws Exception {
        Path file = tmp.resolve("cameras.m3u");
        Files.writeString(file, "#EXTM3U\n"
                + "#EXTINF:-1 tvg-id=\"door\" group-title=\"Console import\",Front Door\n"
                + "rtsp://127.0.0.1:9/door\n"
                + "#EXTINF:-1 group-title=\"Console import\",Back Yard\n"
                + "rtsp://127.0.0.1:9/yard\n"
                + "#EXTINF:-1,Evil\n"
                + "file:///etc/passwd\n");
        ChannelListPage list = LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);
        browser.findElement(By.id("import")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type=file]")));

        browser.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
        browser.findElement(By.id("import:check")).click();
        String counts = Waits.text(browser, By.id("counts"), 60);

        assertTrue(counts.contains("2 to create"), counts);
        assertTrue(counts.contains("1 rejected"), counts);
        assertTrue(browser.findElement(By.id("import:report")).getText().contains("url scheme must be one of"));
        assertEquals(404, gateway.get("api/channels/front-door").statusCode(), "the dry run stores nothing");

        browser.findElement(By.id("import:partial")).findElement(By.cssSelector(".ui-chkbox-box")).click();
        browser.findElement(By.id("import:apply")).click();
        ChannelListPage after = ChannelListPage.at(browser);

        assertTrue(after.search("front-door").nicknames().contains("front-door"), after.nicknames().toString());
        assertTrue(after.search("back-yard").nicknames().contains("back-yard"));
        assertEquals("door", gateway.channel("front-door").getString("tvgId"));
        assertEquals("Console import", gateway.channel("back-yard").getString("group"));
    }

    @Test
    void aLargeFileShowsProgressWhileItIsChecked() throws Exception {
        StringBuilder csv = new StringBuilder("nickname,url,group\n");
        for (int i = 0; i < 5000; i++) {
            csv.append("bulk-").append(i).append(",rtsp://127.0.0.1:9/cam").append(i).append(",Bulk\n");
        }
        Path file = Files.writeString(tmp.resolve("bulk.csv"), csv);
        LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);
        browser.findElement(By.id("import")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type=file]")))
                .sendKeys(file.toString());

        browser.findElement(By.id("import:check")).click();
        // one atomic look at the page: the 300 ms poll replaces the form between two WebDriver calls
        String progress = String.valueOf(Waits.on(browser, 60).<Object>until(b -> ((JavascriptExecutor) b).executeScript(
                "const text = document.getElementById('progress-text');"
                        + "const bar = document.getElementById('import:progress');"
                        + "return text && text.textContent.trim() ? text.textContent.trim() + ' | bar shown: '"
                        + " + (bar !== null && bar.offsetParent !== null) : null;")));
        assertTrue(progress.startsWith("Checking 5000 lines"), progress);
        assertTrue(progress.endsWith("bar shown: true"), "a progress bar while the file is checked: " + progress);
        String counts = Waits.text(browser, By.id("counts"), 60);

        assertTrue(counts.contains("5000 to create"), counts);
        assertTrue(browser.findElements(By.id("import:progress")).isEmpty(), "the bar goes once the report is there");
        assertEquals(404, gateway.get("api/channels/bulk-0").statusCode(), "a dry run stores nothing");
    }

    private void cleanUp() throws Exception {
        gateway.send("DELETE", "api/channels/front-door", null);
        gateway.send("DELETE", "api/channels/back-yard", null);
    }
}
