package org.hlsgateway.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.hlsgateway.testsupport.Camera;
import org.hlsgateway.testsupport.Chromium;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.RtspCamera;
import org.hlsgateway.testsupport.pages.ChannelListPage;
import org.hlsgateway.testsupport.pages.LoginPage;
import org.hlsgateway.testsupport.pages.PlayerPage;
import org.hlsgateway.testsupport.pages.UsersPage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/** Login, logout, roles in the console and signed playback, in real headless Chromium. */
class SecurityBrowserIT extends DeployedGateway {

    @Camera
    static RtspCamera camera;

    @Chromium
    ChromeDriver browser;

    @Test
    void loginIsRequiredWrongPasswordsAreRefusedAndLogoutEndsTheSession() {
        browser.get(gateway.uri("admin/list/").toString());
        LoginPage login = LoginPage.at(browser);

        String error = login.logInExpectingError("admin", "not-the-password");
        assertTrue(error.contains("Wrong user name or password"), error);

        ChannelListPage list = LoginPage.at(browser).logInAs("admin", Gateway.ADMIN_PASSWORD);
        assertTrue(browser.getCurrentUrl().endsWith("/hls_gateway/admin/list/"), browser.getCurrentUrl());
        assertTrue(list.hasAddButton());

        list.logOut();
        browser.get(gateway.uri("admin/list/").toString());
        LoginPage.at(browser); // the session is gone: the console asks for a login again
        assertTrue(browser.getCurrentUrl().contains("/login.xhtml"), browser.getCurrentUrl());
    }

    @Test
    void aViewerSeesChannelsButNoButtonsThatChangeThem() throws Exception {
        gateway.send("POST", "api/users", "{\"username\":\"viewer2\",\"password\":\"viewer-password-2\",\"role\":\"viewer\"}");
        gateway.send("PUT", "api/users/viewer2", "{\"enabled\":true,\"password\":\"viewer-password-2\"}");
        gateway.createChannel("seen1", camera.url(), "\"public\":false");

        ChannelListPage list = LoginPage.open(browser, gateway.uri("")).logInAs("viewer2", "viewer-password-2");

        assertTrue(list.search("seen1").nicknames().contains("seen1"), "a viewer sees the protected channel");
        assertFalse(list.hasAddButton());
        assertFalse(list.hasDeleteButtons());
        assertTrue(browser.findElements(By.id("users-link")).isEmpty());
        assertTrue(list.playbackUrl("seen1").contains("?token="), "protected channels get a signed URL to copy");
        browser.get(gateway.uri("admin/users/").toString());
        assertTrue(browser.getPageSource().contains("Not allowed") || browser.getTitle().contains("Not allowed"),
                "the users page is for admins only");
    }

    @Test
    void anAdminLimitsAViewerToAGroupAndTheViewersConsoleListsOnlyThoseChannels() throws Exception {
        gateway.send("POST", "api/users", "{\"username\":\"limited1\",\"password\":\"limited-password-1\",\"role\":\"viewer\"}");
        gateway.send("PUT", "api/users/limited1", "{\"enabled\":true,\"password\":\"limited-password-1\",\"groups\":[],\"channels\":[]}");
        gateway.createChannel("kidsb1", camera.url(), "\"public\":false,\"group\":\"BKids\"");
        gateway.createChannel("kidsb2", camera.url(), "\"public\":false,\"group\":\"BKids\"");
        gateway.createChannel("adultb1", camera.url(), "\"public\":false,\"group\":\"BAdult\"");
        gateway.createChannel("singleb1", camera.url(), "\"public\":false,\"group\":\"BOther\"");

        LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);
        UsersPage.open(browser, gateway.uri("")).limit("limited1", "BKids", "singleb1");
        browser.manage().deleteAllCookies();
        ChannelListPage list = LoginPage.open(browser, gateway.uri("")).logInAs("limited1", "limited-password-1");

        List<String> seen = list.nicknames();
        assertTrue(seen.containsAll(List.of("kidsb1", "kidsb2", "singleb1")), seen.toString());
        assertFalse(seen.contains("adultb1"), seen.toString());
        // the group filter and the Export menu name only the groups of what the viewer may see
        List<String> filterGroups = browser.findElements(By.cssSelector("select[id='channels:group_input'] option")).stream()
                .map(o -> o.getAttribute("textContent").trim()).toList();
        List<String> exportItems = browser.findElements(By.xpath("//*[@id='export_menu']//a")).stream()
                .map(a -> a.getAttribute("textContent").trim()).toList();
        assertTrue(filterGroups.containsAll(List.of("BKids", "BOther")) && !filterGroups.contains("BAdult"), filterGroups.toString());
        assertTrue(exportItems.containsAll(List.of("Group BKids", "Group BOther")) && !exportItems.contains("Group BAdult"),
                exportItems.toString());
        browser.get(gateway.uri("").toString());
        assertFalse(browser.getPageSource().contains("adultb1"), "the front page follows the limits too");
        assertTrue(browser.getPageSource().contains("kidsb1"));
        JsonObject user = Gateway.jsonArray(gateway.get("api/users").body()).getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("username").equals("limited1")).findFirst().orElseThrow();
        assertEquals("[\"BKids\"]", user.getJsonArray("groups").toString());
        assertEquals("[\"singleb1\"]", user.getJsonArray("channels").toString());
    }

    @Test
    void anAdminSeesAPlaylistUrlInTheTokenListAndRevokesIt() throws Exception {
        gateway.createChannel("revokeb1", camera.url(), "\"public\":false,\"group\":\"BRevoke\"");
        URI url = URI.create(Gateway.json(gateway.get("api/playlist-url?ttl=7200&group=BRevoke").body()).getString("url"));
        assertEquals(200, gateway.anonymous().get(url).statusCode());

        LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);
        UsersPage users = UsersPage.open(browser, gateway.uri(""));
        assertTrue(users.tokenScopes().contains("playlist of group 'BRevoke'"), users.tokenScopes().toString());
        users.revokeToken("playlist of group 'BRevoke'");

        assertEquals(403, gateway.anonymous().get(url).statusCode(), "revoked in the console: refused at once");
    }

    @Test
    void anAdminAddsAndDeletesUsersInTheConsole() throws Exception {
        gateway.send("DELETE", "api/users/console2", null);
        LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);

        UsersPage users = UsersPage.open(browser, gateway.uri("")).add("console2", "console-password-2");

        assertTrue(users.usernames().contains("console2"));
        assertEquals(200, gateway.as("console2", "console-password-2").get("api/channels").statusCode());
        users.delete("console2");
        assertFalse(users.usernames().contains("console2"));
        assertEquals(401, gateway.as("console2", "console-password-2").get("api/channels").statusCode());
    }

    @Test
    void aSignedUrlPlaysInChromiumAndEverySegmentRequestCarriesTheToken() throws Exception {
        gateway.createChannel("signedplay1", camera.url(), "\"public\":false");
        URI signed = URI.create(Gateway.json(gateway.get("api/channels/signedplay1/playback-url?ttl=300").body()).getString("url"));

        PlayerPage player = PlayerPage.open(browser, signed);
        double reached = player.awaitPlayedSeconds(2.0, Duration.ofSeconds(40));

        assertTrue(reached >= 2.0);
        @SuppressWarnings("unchecked")
        List<String> requests = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        // media of either packaging: MPEG-TS segments, or LL-HLS's init section, parts and segments (the default)
        List<String> segments = requests.stream()
                .filter(r -> r.matches(".*/read/signedplay1/[^/?]+\\.(ts|m4s|mp4)([?].*)?")).toList();
        assertFalse(segments.isEmpty(), requests.toString());
        assertTrue(segments.stream().allMatch(r -> r.contains("token=")), segments.toString());
    }

    @Test
    void aProtectedChannelWithoutTokenIsRefusedButALoggedInSessionWatchesIt() throws Exception {
        gateway.createChannel("session1", camera.url(), "\"public\":false");

        browser.get(gateway.uri("watch/session1").toString());
        assertTrue(browser.findElement(By.id("message")).getText().contains("protected"));

        LoginPage.open(browser, gateway.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);
        PlayerPage player = PlayerPage.open(browser, gateway.uri("watch/session1"));

        assertTrue(player.awaitPlayedSeconds(1.0, Duration.ofSeconds(40)) >= 1.0);
    }
}
