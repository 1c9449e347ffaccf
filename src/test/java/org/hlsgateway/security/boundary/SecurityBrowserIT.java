package org.hlsgateway.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.hlsgateway.testsupport.Browser;
import org.hlsgateway.testsupport.Deployments;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.RtspCamera;
import org.hlsgateway.testsupport.pages.ChannelListPage;
import org.hlsgateway.testsupport.pages.LoginPage;
import org.hlsgateway.testsupport.pages.PlayerPage;
import org.hlsgateway.testsupport.pages.UsersPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/** Login, logout, roles in the console and signed playback, in real headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityBrowserIT {

    static RtspCamera camera;

    @ArquillianResource
    URL deployment;

    ChromeDriver browser;
    Gateway admin;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gateway();
    }

    @BeforeAll
    static void startCamera() throws Exception {
        camera = RtspCamera.start();
    }

    @AfterAll
    static void stopCamera() throws Exception {
        camera.close();
    }

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
        admin = new Gateway(deployment);
    }

    @AfterEach
    void stop() {
        browser.quit();
    }

    @Test
    void loginIsRequiredWrongPasswordsAreRefusedAndLogoutEndsTheSession() {
        browser.get(admin.uri("admin/list/").toString());
        LoginPage login = LoginPage.at(browser);

        String error = login.logInExpectingError("admin", "not-the-password");
        assertTrue(error.contains("Wrong user name or password"), error);

        ChannelListPage list = LoginPage.at(browser).logInAs("admin", Gateway.ADMIN_PASSWORD);
        assertTrue(browser.getCurrentUrl().endsWith("/hls_gateway/admin/list/"), browser.getCurrentUrl());
        assertTrue(list.hasAddButton());

        list.logOut();
        browser.get(admin.uri("admin/list/").toString());
        LoginPage.at(browser); // the session is gone: the console asks for a login again
        assertTrue(browser.getCurrentUrl().contains("/login.xhtml"), browser.getCurrentUrl());
    }

    @Test
    void aViewerSeesChannelsButNoButtonsThatChangeThem() throws Exception {
        admin.send("POST", "api/users", "{\"username\":\"viewer2\",\"password\":\"viewer-password-2\",\"role\":\"viewer\"}");
        admin.send("PUT", "api/users/viewer2", "{\"enabled\":true,\"password\":\"viewer-password-2\"}");
        admin.createChannel("seen1", camera.url(), "\"public\":false");

        ChannelListPage list = LoginPage.open(browser, admin.uri("")).logInAs("viewer2", "viewer-password-2");

        assertTrue(list.search("seen1").nicknames().contains("seen1"), "a viewer sees the protected channel");
        assertFalse(list.hasAddButton());
        assertFalse(list.hasDeleteButtons());
        assertTrue(browser.findElements(By.id("users-link")).isEmpty());
        assertTrue(list.playbackUrl("seen1").contains("?token="), "protected channels get a signed URL to copy");
        browser.get(admin.uri("admin/users/").toString());
        assertTrue(browser.getPageSource().contains("Not allowed") || browser.getTitle().contains("Not allowed"),
                "the users page is for admins only");
    }

    @Test
    void anAdminLimitsAViewerToAGroupAndTheViewersConsoleListsOnlyThoseChannels() throws Exception {
        admin.send("POST", "api/users", "{\"username\":\"limited1\",\"password\":\"limited-password-1\",\"role\":\"viewer\"}");
        admin.send("PUT", "api/users/limited1", "{\"enabled\":true,\"password\":\"limited-password-1\",\"groups\":[],\"channels\":[]}");
        admin.createChannel("kidsb1", camera.url(), "\"public\":false,\"group\":\"BKids\"");
        admin.createChannel("kidsb2", camera.url(), "\"public\":false,\"group\":\"BKids\"");
        admin.createChannel("adultb1", camera.url(), "\"public\":false,\"group\":\"BAdult\"");
        admin.createChannel("singleb1", camera.url(), "\"public\":false,\"group\":\"BOther\"");

        LoginPage.open(browser, admin.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);
        UsersPage.open(browser, admin.uri("")).limit("limited1", "BKids", "singleb1");
        browser.manage().deleteAllCookies();
        ChannelListPage list = LoginPage.open(browser, admin.uri("")).logInAs("limited1", "limited-password-1");

        List<String> seen = list.nicknames();
        assertTrue(seen.containsAll(List.of("kidsb1", "kidsb2", "singleb1")), seen.toString());
        assertFalse(seen.contains("adultb1"), seen.toString());
        browser.get(admin.uri("").toString());
        assertFalse(browser.getPageSource().contains("adultb1"), "the front page follows the limits too");
        assertTrue(browser.getPageSource().contains("kidsb1"));
        JsonObject user = Gateway.jsonArray(admin.get("api/users").body()).getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("username").equals("limited1")).findFirst().orElseThrow();
        assertEquals("[\"BKids\"]", user.getJsonArray("groups").toString());
        assertEquals("[\"singleb1\"]", user.getJsonArray("channels").toString());
    }

    @Test
    void anAdminSeesAPlaylistUrlInTheTokenListAndRevokesIt() throws Exception {
        admin.createChannel("revokeb1", camera.url(), "\"public\":false,\"group\":\"BRevoke\"");
        URI url = URI.create(Gateway.json(admin.get("api/playlist-url?ttl=7200&group=BRevoke").body()).getString("url"));
        assertEquals(200, admin.anonymous().get(url).statusCode());

        LoginPage.open(browser, admin.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);
        UsersPage users = UsersPage.open(browser, admin.uri(""));
        assertTrue(users.tokenScopes().contains("playlist of group 'BRevoke'"), users.tokenScopes().toString());
        users.revokeToken("playlist of group 'BRevoke'");

        assertEquals(403, admin.anonymous().get(url).statusCode(), "revoked in the console: refused at once");
    }

    @Test
    void anAdminAddsAndDeletesUsersInTheConsole() throws Exception {
        admin.send("DELETE", "api/users/console2", null);
        LoginPage.open(browser, admin.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);

        UsersPage users = UsersPage.open(browser, admin.uri("")).add("console2", "console-password-2");

        assertTrue(users.usernames().contains("console2"));
        assertEquals(200, admin.as("console2", "console-password-2").get("api/channels").statusCode());
        users.delete("console2");
        assertFalse(users.usernames().contains("console2"));
        assertEquals(401, admin.as("console2", "console-password-2").get("api/channels").statusCode());
    }

    @Test
    void aSignedUrlPlaysInChromiumAndEverySegmentRequestCarriesTheToken() throws Exception {
        admin.createChannel("signedplay1", camera.url(), "\"public\":false");
        URI signed = URI.create(Gateway.json(admin.get("api/channels/signedplay1/playback-url?ttl=300").body()).getString("url"));

        PlayerPage player = PlayerPage.open(browser, signed);
        double reached = player.awaitPlayedSeconds(2.0, Duration.ofSeconds(40));

        assertTrue(reached >= 2.0);
        @SuppressWarnings("unchecked")
        List<String> requests = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        List<String> segments = requests.stream().filter(r -> r.contains(".ts")).toList();
        assertFalse(segments.isEmpty(), requests.toString());
        assertTrue(segments.stream().allMatch(r -> r.contains("token=")), segments.toString());
    }

    @Test
    void aProtectedChannelWithoutTokenIsRefusedButALoggedInSessionWatchesIt() throws Exception {
        admin.createChannel("session1", camera.url(), "\"public\":false");

        browser.get(admin.uri("watch/session1").toString());
        assertTrue(browser.findElement(By.id("message")).getText().contains("protected"));

        LoginPage.open(browser, admin.uri("")).logInAs("admin", Gateway.ADMIN_PASSWORD);
        PlayerPage player = PlayerPage.open(browser, admin.uri("watch/session1"));

        assertTrue(player.awaitPlayedSeconds(1.0, Duration.ofSeconds(40)) >= 1.0);
    }
}
