package org.hlsgateway.channels.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hlsgateway.testsupport.Browser;
import org.hlsgateway.testsupport.Chromium;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.PollingViewer;
import org.hlsgateway.testsupport.RtspCamera;
import org.hlsgateway.testsupport.pages.ChannelEditPage;
import org.hlsgateway.testsupport.pages.ChannelListPage;
import org.hlsgateway.testsupport.pages.Layout;
import org.hlsgateway.testsupport.pages.PlayerPage;
import org.hlsgateway.testsupport.pages.LoginPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin console and the front page in real headless Chromium. */
class AdminConsoleIT extends DeployedGateway {

    @Chromium
    ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        for (String nickname : List.of("console1", "layout-live", "layout-dead", "layout-long", "layout-prot", "iptv-kids", "iptv-other")) {
            gateway.send("DELETE", "api/channels/" + nickname, null);
        }
    }

    @Test
    void addAChannelSeeItListedThenDeleteIt() {
        ChannelListPage list = LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);

        list = list.add()
                .nickname("console1")
                .name("<i>Lobby</i>")
                .url("rtsp://viewer:topsecret@127.0.0.1:8554/lobby")
                .save();

        assertTrue(list.search("console1").nicknames().contains("console1"), list.nicknames().toString());
        assertEquals(1, new Layout(browser).elementsShowing("Saved console1"), "the message is shown once");
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

        assertTrue(errors.contains("use lower-case letters, digits, '-' or '_'"), errors);
        assertTrue(errors.contains("url scheme must be one of"), errors);
        assertEquals(404, gateway.get("api/channels/console1").statusCode());
    }

    @Test
    void anEmptyNicknameSaysItIsRequiredOnceAndMarksTheField() throws Exception {
        ChannelEditPage form = LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD).add()
                .url("rtsp://127.0.0.1:9/cam");

        String errors = form.saveExpectingErrors();

        assertTrue(errors.contains("Nickname is required"), errors);
        assertFalse(errors.contains("[a-z0-9]"), "no regular expression for people: " + errors);
        assertEquals(1, new Layout(browser).elementsShowing("Nickname is required"), "shown once");
        String field = browser.findElement(By.id("channel:nickname")).getAttribute("class");
        assertTrue(field.contains("ui-state-error"), "the field is highlighted: " + field);
        assertEquals("true", browser.findElement(By.id("channel:nickname")).getAttribute("aria-invalid"));
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

    /** A refused source with one failed watch behind it, so that its row shows a last error. */
    private void deadChannel(String nickname) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway.createChannel(nickname, "rtsp://127.0.0.1:" + closedPort + "/a/very/long/path/to/the/main/stream/of/the/camera",
                "\"name\":\"Garage, side entrance (dead)\"");
        assertEquals(502, gateway.get("watch/" + nickname).statusCode());
    }

    @Test
    void onAPhoneEveryRowCanBeToldApartNothingScrollsSidewaysAndLogOutAndTheFormFit() throws Exception {
        deadChannel("layout-dead");
        gateway.createChannel("layout-long", "rtsp://viewer:secret@camera-in-the-back-yard.example.org:554/Streaming/Channels/101",
                "\"name\":\"Back yard\",\"group\":\"Outside\"");
        Browser.viewport(browser, 390, 844);
        ChannelListPage list = LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);
        Layout layout = new Layout(browser);
        Browser.screenshot(browser, "console-list-390");

        assertEquals(390, layout.innerWidth());
        assertTrue(layout.scrollWidth() <= layout.innerWidth(), "no sideways scroll: " + layout.scrollWidth() + " px wide");
        for (String nickname : List.of("layout-dead", "layout-long")) {
            WebElement shown = list.inRow(nickname, ".nickname");
            assertTrue(shown.isDisplayed() && layout.withinWidth(shown) && layout.width(shown) > 40,
                    nickname + " is visible: " + layout.box(shown));
            WebElement watch = list.inRow(nickname, "a.watch-link");
            assertTrue(watch.isDisplayed() && layout.withinWidth(watch), "Watch of " + nickname + ": " + layout.box(watch));
        }
        assertTrue(layout.width(list.inRow("layout-long", ".channel-name")) > 40, "the name is shown too");
        assertTrue(list.logOutButton().isDisplayed() && layout.withinWidth(list.logOutButton()),
                "Log out is reachable: " + layout.box(list.logOutButton()));

        list.edit("layout-long");
        Browser.screenshot(browser, "console-edit-390");
        assertTrue(layout.scrollWidth() <= layout.innerWidth(), "the form fits: " + layout.scrollWidth() + " px wide");
        for (String field : List.of("channel:nickname", "channel:url", "channel:save")) {
            WebElement element = browser.findElement(By.id(field));
            assertTrue(layout.withinWidth(element), field + " lies within the screen: " + layout.box(element));
        }
    }

    @Test
    void onALaptopThePlaybackUrlIsReadableEveryRowHasWatchThePreviewKeepsItsShapeAndNothingBreaksMidWord() throws Exception {
        deadChannel("layout-dead");
        try (RtspCamera camera = RtspCamera.start()) {
            gateway.createChannel("layout-live", camera.url().replace("rtsp://", "rtsp://viewer:hunter2pw@"),
                    "\"name\":\"Live lobby\"");
            assertEquals(302, gateway.get("watch/layout-live").statusCode());
            try (PollingViewer viewer = new PollingViewer(gateway, "layout-live", 500)) {
                Browser.viewport(browser, 1366, 900);
                ChannelListPage list = LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);
                Layout layout = new Layout(browser);
                new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> "LIVE".equals(list.state("layout-live")));
                WebElement preview = new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> {
                    WebElement img = list.inRow("layout-live", "img.preview");
                    Object natural = ((org.openqa.selenium.JavascriptExecutor) b).executeScript(
                            "return arguments[0].complete && arguments[0].naturalWidth;", img);
                    return natural instanceof Number n && n.intValue() > 0 ? img : null;
                });
                Browser.screenshot(browser, "console-list-1366");

                assertTrue(layout.scrollWidth() <= layout.innerWidth(), "no sideways scroll: " + layout.scrollWidth());
                for (String nickname : List.of("layout-live", "layout-dead")) {
                    double url = layout.width(list.inRow(nickname, ".watch-url"));
                    assertTrue(url > 150, "the playback URL box of " + nickname + " is readable: " + url + " px");
                    assertTrue(list.inRow(nickname, "a.watch-link").getAttribute("href").endsWith("/watch/" + nickname));
                }
                Map<String, Number> box = layout.box(preview);
                Object ratio = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                        "return arguments[0].naturalWidth / arguments[0].naturalHeight;", preview);
                double shown = box.get("width").doubleValue() / box.get("height").doubleValue();
                assertTrue(box.get("width").doubleValue() >= 150, "the preview is not squeezed: " + box);
                assertEquals(((Number) ratio).doubleValue(), shown, 0.05, "the preview keeps its aspect ratio: " + box);
                WebElement error = list.inRow("layout-dead", ".error-line");
                assertTrue(error.getText().contains("Connection refused"), error.getText());
                assertEquals(List.of(), layout.brokenWords(error), "the error wraps between words: " + error.getText());
                WebElement source = list.inRow("layout-dead", ".source");
                assertEquals(List.of(), layout.brokenWords(source), "the source URL is shortened, not broken");
                assertEquals(source.getText(), source.getAttribute("title"), "the whole URL on hover");
                assertTrue(list.exportButton().isDisplayed());
                assertTrue(list.exportLink("All channels").getAttribute("href").endsWith("/playlist.m3u"));
                System.out.println("console list at 1366 px: loaded in " + layout.loadMillis() + " ms, URL box "
                        + layout.width(list.inRow("layout-live", ".watch-url")) + " px, preview " + box);

                Browser.viewport(browser, 1920, 1080); // a wide screen: still no sideways scroll, nothing squeezed
                Browser.screenshot(browser, "console-list-1920");
                assertTrue(layout.scrollWidth() <= layout.innerWidth(), "no sideways scroll at 1920: " + layout.scrollWidth());
                assertTrue(layout.width(list.inRow("layout-live", ".watch-url")) > 150);

                String console = browser.getWindowHandle();
                list.clickInRow("layout-live", "a.watch-link"); // Watch opens the player in a new tab
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getWindowHandles().size() == 2);
                browser.switchTo().window(browser.getWindowHandles().stream().filter(h -> !h.equals(console))
                        .findFirst().orElseThrow());
                PlayerPage player = PlayerPage.at(browser);
                double first = player.awaitPlayedSeconds(1.0, Duration.ofSeconds(40));
                assertTrue(player.awaitPlayedSeconds(first + 1.0, Duration.ofSeconds(20)) > first, "the video plays");
                assertTrue(player.status().startsWith("Live"), player.status());
                System.out.println("player opened from the console: " + player.status());

                browser.switchTo().window(console); // the channel's FFmpeg output, for admins, passwords masked
                list.clickInRow("layout-live", "[id$=':log']");
                String log = new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> {
                    String text = b.findElement(By.id("lines")).getText();
                    return text.contains("Input #0") ? text : null;
                });
                assertFalse(log.contains("hunter2pw"), log);
                assertTrue(log.contains("viewer:***@"), "the URL is shown masked: " + log);
            }
        }
    }

    @Test
    void saveAfterTheSessionEndedLeadsToTheLoginAndKeepsTheEdit() throws Exception {
        gateway.createChannel("console1", "rtsp://127.0.0.1:9/front", "\"name\":\"Front door\"");
        ChannelEditPage form = LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD)
                .edit("console1").name("Front door, renamed");

        browser.manage().deleteAllCookies(); // the session is gone, as after its timeout
        browser.findElement(By.id("channel:save")).click();

        LoginPage login = LoginPage.at(browser);
        String notice = login.sessionEndedNotice();
        assertTrue(notice.contains("session ended"), "the login says why: '" + notice + "'");
        assertEquals("Front door", gateway.channel("console1").getString("name"), "nothing saved without a session");

        login.logInAndStay("admin", Gateway.ADMIN_PASSWORD);
        form = ChannelEditPage.at(browser);
        assertEquals("Front door, renamed", browser.findElement(By.id("channel:name")).getAttribute("value"),
                "the edit typed before is back");
        assertTrue(browser.findElement(By.id("draft-restored")).isDisplayed());
        form.save();
        assertEquals("Front door, renamed", gateway.channel("console1").getString("name"));
    }

    @Test
    void theListsPollLeadsToTheLoginWhenTheSessionEnded() {
        LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);

        browser.manage().deleteAllCookies();

        LoginPage login = LoginPage.at(browser); // the next poll (every 3 s) finds no session
        assertTrue(login.sessionEndedNotice().contains("session ended"), login.sessionEndedNotice());
        assertTrue(browser.getCurrentUrl().contains("next=%2Fadmin%2Flist%2F"), browser.getCurrentUrl());
    }

    @Test
    void anonymousVisitorsAreToldAboutProtectedChannelsAndBrowsersGetPagesForUnknownChannels() throws Exception {
        gateway.createChannel("layout-prot", "rtsp://127.0.0.1:9/p", "\"public\":false,\"name\":\"Vault\"");
        long protectedChannels = Gateway.jsonArray(gateway.get("api/channels").body()).stream()
                .filter(c -> !c.asJsonObject().getBoolean("public")).count();

        browser.get(gateway.uri("").toString());
        String notice = browser.findElement(By.id("protected-channels")).getText();

        assertTrue(notice.startsWith(protectedChannels + " channel"), notice);
        assertTrue(notice.contains("log in to watch"), notice);
        assertTrue(browser.findElements(By.id("no-channels")).isEmpty(), "not 'No channels yet'");
        assertFalse(browser.getPageSource().contains("Vault"), "the protected channel itself stays hidden");

        String m3u = gateway.anonymous().get("playlist.m3u").body();
        assertTrue(m3u.lines().skip(1).findFirst().orElse("").startsWith("# Public channels only"), m3u);
        assertFalse(m3u.contains("layout-prot"));

        var page = gateway.anonymous().get("watch/nosuch", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals(404, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("no channel named &#39;nosuch&#39;"), page.body());
        var api = gateway.anonymous().get("watch/nosuch", "application/json");
        assertEquals(404, api.statusCode());
        assertEquals("no channel named 'nosuch'", Gateway.json(api.body()).getString("message"));

        // read answers a browser with a page too, and a player (Accept: */*) with JSON, the same message
        String browserAccept = "text/html,application/xhtml+xml,*/*;q=0.8";
        var refused = gateway.anonymous().get("read/layout-prot/index.m3u8", browserAccept);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), refused.headers().toString());
        assertTrue(refused.body().contains("<h1>Not allowed</h1>"), refused.body());
        var player = gateway.anonymous().get("read/layout-prot/index.m3u8", "*/*");
        assertEquals(403, player.statusCode());
        assertTrue(refused.body().contains(org.hlsgateway.playback.control.PlayerPage.escape(Gateway.json(player.body()).getString("message"))),
                refused.body());
        var gone = gateway.anonymous().get("read/layout-prot/abc123-7.ts", browserAccept);
        assertEquals(404, gone.statusCode());
        assertTrue(gone.body().contains("<h1>Not found</h1>") && gone.body().contains("is not running"), gone.body());
        var badName = gateway.anonymous().get("read/layout-prot/evil.sh", "application/json");
        assertEquals(400, badName.statusCode());
        assertTrue(Gateway.json(badName.body()).getString("message").startsWith("file must be"), badName.body());
    }

    @Test
    void theConsoleMintsAnIptvPlaylistUrlThatPlaysWithoutALoginAndIsARevocableToken() throws Exception {
        gateway.createChannel("iptv-kids", "rtsp://127.0.0.1:9/kids", "\"group\":\"KidsIptv\",\"public\":false");
        gateway.createChannel("iptv-other", "rtsp://127.0.0.1:9/other", "\"group\":\"OtherIptv\",\"public\":false");
        int tokensBefore = Gateway.jsonArray(gateway.get("api/tokens").body()).size();
        ChannelListPage list = LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.findElement(By.id("channels:mint-playlist")).click();
        String url = wait.until(b -> b.findElements(By.id("iptv-playlist-url")).stream()
                .map(e -> e.getAttribute("value")).filter(v -> v != null && !v.isEmpty()).findFirst().orElse(null));
        Layout layout = new Layout(browser);
        assertTrue(layout.scrollWidth() <= layout.innerWidth(), "the URL box does not widen the page");

        assertTrue(url.contains("/playlist.m3u?token=") && !url.contains("&group="), "every channel: " + url);
        var playlist = gateway.anonymous().get(java.net.URI.create(url)); // what an IPTV app does: no login
        assertEquals(200, playlist.statusCode(), playlist.body());
        assertTrue(playlist.body().contains("/watch/iptv-kids?token="), playlist.body());
        assertTrue(playlist.body().contains("/watch/iptv-other?token="), playlist.body());
        var tokens = Gateway.jsonArray(gateway.get("api/tokens").body());
        assertEquals(tokensBefore + 1, tokens.size(), "the playlist URL is a recorded, revocable token: " + tokens);

        // Export: every channel, or one group, from a menu of plain links (nothing to update by ajax)
        list.exportButton().click();
        WebElement kids = wait.until(ExpectedConditions.visibilityOf(list.exportLink("Group KidsIptv")));
        String groupHref = kids.getAttribute("href");
        String allHref = list.exportLink("All channels").getAttribute("href");
        assertTrue(groupHref.endsWith("/playlist.m3u?group=KidsIptv"), groupHref);
        assertTrue(allHref.endsWith("/playlist.m3u"), allHref);
        String kidsM3u = (String) browser.executeAsyncScript( // what the link downloads, with the console's session
                "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done(String(e)));",
                groupHref);
        assertTrue(kidsM3u.contains("/watch/iptv-kids?token="), kidsM3u);
        assertFalse(kidsM3u.contains("iptv-other"), kidsM3u);
    }

    @Test
    void aBrowserThatAsksForDarkModeGetsADarkConsoleAndEveryPageHasAnIcon() throws Exception {
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));

        ChannelListPage list = LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);
        Browser.screenshot(browser, "console-list-dark");
        String background = (String) browser.executeScript("return getComputedStyle(document.body).backgroundColor;");
        String table = (String) browser.executeScript(
                "return getComputedStyle(document.querySelector('#channels\\\\:table td, #channels\\\\:table th')).backgroundColor;");

        assertTrue(luminance(background) < 0.2, "a dark page: " + background);
        assertTrue(luminance(table) < 0.3, "a dark table: " + table);
        String icon = browser.findElement(By.cssSelector("link[rel=icon]")).getAttribute("href");
        var answer = gateway.anonymous().getBytes(icon.substring(icon.indexOf("/hls_gateway/") + "/hls_gateway/".length()));
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().length > 100 && answer.body()[2] == 1, "an ICO file");
    }

    /** Relative luminance (0 black to 1 white) of a CSS rgb()/rgba() colour. */
    private static double luminance(String rgb) {
        String[] parts = rgb.replaceAll("[^0-9.,]", "").split(",");
        return (0.2126 * Double.parseDouble(parts[0]) + 0.7152 * Double.parseDouble(parts[1])
                + 0.0722 * Double.parseDouble(parts[2])) / 255;
    }
}
