package org.hlsgateway.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.hlsgateway.testsupport.Camera;
import org.hlsgateway.testsupport.ConsoleSession;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.RtspCamera;
import org.hlsgateway.testsupport.ServerLog;
import org.hlsgateway.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/** Authentication, roles and signed playback URLs over HTTP, on a real Payara Micro. */
class SecurityIT extends DeployedGateway {

    @Camera
    static RtspCamera camera;

    @Test
    void anonymousConsoleAccessRedirectsToTheLoginPage() throws Exception {
        HttpResponse<String> list = gateway.anonymous().get("admin/list/");

        assertEquals(302, list.statusCode());
        assertTrue(list.headers().firstValue("Location").orElse("").contains("/hls_gateway/login.xhtml?next=%2Fadmin%2Flist%2F"));
        HttpResponse<String> login = gateway.anonymous().get("login.xhtml");
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("login:password"));
    }

    @Test
    void theApiAnswers401WithoutOrWithWrongCredentialsAndNeverALoginPage() throws Exception {
        ServerLog log = ServerLog.fromHere();
        HttpResponse<String> none = gateway.anonymous().get("api/channels");
        HttpResponse<String> wrong = gateway.as("admin", "not-the-password").get("api/channels");
        HttpResponse<String> right = gateway.get("api/channels");

        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertFalse(Gateway.json(none.body()).getString("message").isBlank());
        assertFalse(none.body().contains("<html"), "no login page for the API");
        assertEquals(401, wrong.statusCode());
        assertEquals("wrong user name or password", Gateway.json(wrong.body()).getString("message"));
        assertEquals(200, right.statusCode());
        assertEquals(List.of(), log.errorsSince(), "a refused login is no server error");
    }

    @Test
    void aViewerReadsAndWatchesButCannotChangeAnything() throws Exception {
        ensureUser("viewer1", "viewer-password-1", "viewer");
        gateway.createChannel("viewed1", camera.url(), "\"public\":false");
        Gateway viewer = gateway.as("viewer1", "viewer-password-1");

        assertEquals(200, viewer.get("api/channels").statusCode());
        assertEquals(200, viewer.get("api/channels/viewed1").statusCode());
        assertEquals(200, viewer.get("api/channels/viewed1/playback-url?ttl=60").statusCode());
        HttpResponse<String> create = viewer.send("POST", "api/channels", "{\"nickname\":\"byviewer\",\"url\":\"rtsp://h/x\"}");
        HttpResponse<String> delete = viewer.send("DELETE", "api/channels/viewed1", null);
        HttpResponse<String> users = viewer.get("api/users");

        assertEquals(403, create.statusCode(), create.body());
        assertFalse(Gateway.json(create.body()).getString("message").isBlank());
        assertEquals(403, delete.statusCode());
        assertEquals(403, users.statusCode());
        assertEquals(404, gateway.get("api/channels/byviewer").statusCode());
        assertEquals(200, gateway.get("api/channels/viewed1").statusCode());
    }

    @Test
    void adminsManageUsersAndDisabledUsersCannotLogIn() throws Exception {
        gateway.send("DELETE", "api/users/temp1", null);
        HttpResponse<String> created = gateway.send("POST", "api/users",
                "{\"username\":\"temp1\",\"password\":\"temp-password-1\",\"role\":\"viewer\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(created.body().contains("temp-password-1"));
        assertEquals(200, gateway.as("temp1", "temp-password-1").get("api/channels").statusCode());

        assertEquals(204, gateway.send("PUT", "api/users/temp1", "{\"enabled\":false}").statusCode());
        assertEquals(401, gateway.as("temp1", "temp-password-1").get("api/channels").statusCode());
        assertEquals(204, gateway.send("PUT", "api/users/temp1", "{\"enabled\":true,\"password\":\"temp-password-2\"}").statusCode());
        assertEquals(200, gateway.as("temp1", "temp-password-2").get("api/channels").statusCode());
        assertEquals(401, gateway.as("temp1", "temp-password-1").get("api/channels").statusCode());

        assertEquals(409, gateway.send("POST", "api/users", "{\"username\":\"temp1\",\"password\":\"another-pass\"}").statusCode());
        assertEquals(400, gateway.send("POST", "api/users", "{\"username\":\"Bad User\",\"password\":\"long-enough\"}").statusCode());
        assertEquals(400, gateway.send("POST", "api/users", "{\"username\":\"short1\",\"password\":\"short\"}").statusCode());
        assertEquals(403, gateway.send("DELETE", "api/users/admin", null).statusCode(), "nobody deletes their own account");
        assertEquals(204, gateway.send("DELETE", "api/users/temp1", null).statusCode());
        assertEquals(401, gateway.as("temp1", "temp-password-2").get("api/channels").statusCode());
    }

    @Test
    void aUserChangesTheirOwnPasswordInTheConsole() throws Exception {
        ensureUser("changer1", "first-password-1", "viewer");
        ConsoleSession console = ConsoleSession.logIn(gateway.uri(""), "changer1", "first-password-1");
        String page = console.get("account/password.xhtml").body();

        HttpResponse<String> wrongCurrent = console.post("account/password.xhtml",
                passwordForm("not-my-password", "second-password-2", ConsoleSession.formTokens(page)), null);
        assertTrue(wrongCurrent.body().contains("the current password is wrong"), wrongCurrent.statusCode() + " " + wrongCurrent.body());
        HttpResponse<String> changed = console.post("account/password.xhtml",
                passwordForm("first-password-1", "second-password-2", ConsoleSession.formTokens(wrongCurrent.body())), null);

        assertTrue(changed.body().contains("Password changed"), changed.body());
        assertEquals(401, gateway.as("changer1", "first-password-1").get("api/channels").statusCode());
        assertEquals(200, gateway.as("changer1", "second-password-2").get("api/channels").statusCode());
    }

    private static java.util.Map<String, String> passwordForm(String current, String replacement,
                                                               java.util.Map<String, String> tokens) {
        java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("account", "account");
        form.put("account:current", current);
        form.put("account:replacement", replacement);
        form.put("account:repeat", replacement);
        form.put("account:change", "");
        form.putAll(tokens);
        return form;
    }

    @Test
    void repeatedFailuresLockTheAccountForAWhile() throws Exception {
        ensureUser("locked1", "locked-password-1", "viewer");
        Gateway wrong = gateway.as("locked1", "wrong-password");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, wrong.get("api/channels").statusCode());
        }
        assertEquals(401, wrong.get("api/channels").statusCode());

        HttpResponse<String> right = gateway.as("locked1", "locked-password-1").get("api/channels");

        assertEquals(401, right.statusCode(), "the right password is refused while the account is locked");
        assertTrue(Gateway.json(right.body()).getString("message").contains("too many failed logins"), right.body());
        assertEquals(200, gateway.get("api/channels").statusCode(), "other accounts are not locked");
    }

    @Test
    void aProtectedChannelPlaysWithASignedUrlAndEverySegmentUriCarriesTheToken() throws Exception {
        gateway.createChannel("signed1", camera.url(), "\"public\":false");
        Gateway player = gateway.anonymous();
        assertEquals(403, player.get("watch/signed1").statusCode());

        JsonObject playback = Gateway.json(gateway.get("api/channels/signed1/playback-url?ttl=120").body());
        URI signed = URI.create(playback.getString("url"));
        assertTrue(signed.getQuery().startsWith("token="), signed.toString());
        HttpResponse<String> watch = player.get(signed);
        assertEquals(302, watch.statusCode(), watch.body());
        URI playlistUri = URI.create(watch.headers().firstValue("Location").orElseThrow());
        assertTrue(playlistUri.getQuery().startsWith("token="), "the redirect keeps the token");

        HttpResponse<String> playlist = player.get(playlistUri);
        assertEquals(200, playlist.statusCode());
        List<String> segments = playlist.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertFalse(segments.isEmpty());
        assertTrue(segments.stream().allMatch(s -> s.contains("?token=")), segments.toString());

        String segment = segments.get(segments.size() - 1);
        assertEquals(200, player.getBytes("read/signed1/" + segment).statusCode());
        HttpResponse<String> bare = player.get("read/signed1/" + segment.substring(0, segment.indexOf('?')));
        assertEquals(403, bare.statusCode(), "a segment without the token is refused");
    }

    @Test
    void expiredForgedAndOtherChannelTokensAre403WithAMessage() throws Exception {
        gateway.createChannel("signed2", camera.url(), "\"public\":false");
        gateway.createChannel("signed3", camera.url(), "\"public\":false");
        Gateway player = gateway.anonymous();
        String valid = Tokens.valid(gateway, "signed2");
        String forged = valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA");

        HttpResponse<String> expired = player.get("watch/signed2?token=" + Tokens.expired("signed2"));
        HttpResponse<String> tampered = player.get("watch/signed2?token=" + forged);
        HttpResponse<String> otherChannel = player.get("watch/signed3?token=" + valid);
        HttpResponse<String> garbage = player.get("read/signed2/index.m3u8?token=not-a-token");

        assertEquals(403, expired.statusCode());
        assertTrue(Gateway.json(expired.body()).getString("message").contains("expired"));
        assertEquals(403, tampered.statusCode());
        assertTrue(Gateway.json(tampered.body()).getString("message").contains("not valid"));
        assertEquals(403, otherChannel.statusCode());
        assertTrue(Gateway.json(otherChannel.body()).getString("message").contains("not valid for this channel"));
        assertEquals(403, garbage.statusCode());
        assertEquals("IDLE", Gateway.json(gateway.get("api/channels/signed2").body()).getString("state"),
                "refused requests never start FFmpeg");
        assertEquals(400, gateway.get("api/channels/signed2/playback-url?ttl=abc").statusCode());
        assertEquals(400, gateway.get("api/channels/signed2/playback-url?ttl=5").statusCode());
    }

    @Test
    void aViewerCannotMintAYearLongTokenAndADisabledViewersTokensAre403AtOnce() throws Exception {
        ensureUser("minter1", "minter-password-1", "viewer");
        gateway.createChannel("minted1", camera.url(), "\"public\":false");
        Gateway viewer = gateway.as("minter1", "minter-password-1");
        Gateway player = gateway.anonymous();

        HttpResponse<String> yearLong = viewer.get("api/channels/minted1/playback-url?ttl=31536000");
        assertEquals(400, yearLong.statusCode(), yearLong.body());
        assertTrue(Gateway.json(yearLong.body()).getString("message").contains("HLS_TOKEN_MAX_TTL_VIEWER"), yearLong.body());
        assertEquals(200, gateway.get("api/channels/minted1/playback-url?ttl=31536000").statusCode(), "admins may");
        String token = Tokens.of(viewer.get("api/channels/minted1/playback-url?ttl=600").body());
        assertEquals(302, player.get("watch/minted1?token=" + token).statusCode());

        assertEquals(204, gateway.send("PUT", "api/users/minter1", "{\"enabled\":false}").statusCode());
        HttpResponse<String> afterDisable = player.get("read/minted1/index.m3u8?token=" + token);

        assertEquals(403, afterDisable.statusCode(), "refused from the very next request");
        assertTrue(Gateway.json(afterDisable.body()).getString("message").contains("revoked"), afterDisable.body());
        assertEquals(204, gateway.send("PUT", "api/users/minter1", "{\"enabled\":true}").statusCode());
        assertEquals(403, player.get("watch/minted1?token=" + token).statusCode(), "enabling again brings no old token back");
        String fresh = Tokens.of(viewer.get("api/channels/minted1/playback-url?ttl=600").body());
        assertEquals(302, player.get("watch/minted1?token=" + fresh).statusCode(), "new tokens work");

        assertEquals(204, gateway.send("PUT", "api/users/minter1", "{\"password\":\"minter-password-2\"}").statusCode());
        assertEquals(403, player.get("watch/minted1?token=" + fresh).statusCode(), "a password reset revokes too");
    }

    @Test
    void aViewerLimitedToKidsSeesAndWatchesOnlyKidsChannelsEverywhere() throws Exception {
        ensureUser("kidsviewer", "kids-password-1", "viewer");
        gateway.createChannel("kidsa1", camera.url(), "\"public\":false,\"group\":\"Kids\"");
        gateway.createChannel("adulta1", camera.url(), "\"public\":false,\"group\":\"Adult\"");
        HttpResponse<String> limit = gateway.send("PUT", "api/users/kidsviewer", "{\"groups\":[\"Kids\"]}");
        assertEquals(204, limit.statusCode(), limit.body());
        Gateway viewer = gateway.as("kidsviewer", "kids-password-1");
        Gateway player = gateway.anonymous();

        String list = viewer.get("api/channels").body();
        String m3u = viewer.get("api/playlist.m3u").body();
        String playlistUrl = Gateway.json(viewer.get("api/playlist-url?ttl=3600").body()).getString("url");
        String viaPlaylistUrl = player.get(URI.create(playlistUrl)).body();
        ConsoleSession console = ConsoleSession.logIn(gateway.uri(""), "kidsviewer", "kids-password-1");
        String front = console.get("").body();
        String consoleList = console.get("admin/list/").body();

        for (String seen : List.of(list, m3u, viaPlaylistUrl, front, consoleList)) {
            assertTrue(seen.contains("kidsa1"), seen);
            assertFalse(seen.contains("adulta1"), seen);
        }
        assertTrue(gateway.get("api/channels").body().contains("adulta1"), "admins see everything");
        HttpResponse<String> mint = viewer.get("api/channels/adulta1/playback-url?ttl=60");
        assertEquals(403, mint.statusCode(), mint.body());
        assertTrue(Gateway.json(mint.body()).getString("message").contains("may not watch"), mint.body());
        assertEquals(403, viewer.get("api/channels/adulta1").statusCode());
        assertEquals(403, console.get("watch/adulta1").statusCode(), "watching outside the limits when logged in");
        assertEquals(403, console.get("read/adulta1/index.m3u8").statusCode());
        assertEquals(200, viewer.get("api/channels/kidsa1/playback-url?ttl=60").statusCode());
        String users = gateway.get("api/users").body();
        assertTrue(users.contains("\"groups\":[\"Kids\"]"), users);
        assertEquals(400, gateway.send("PUT", "api/users/kidsviewer", "{\"groups\":\"Kids\"}").statusCode());
        assertEquals(400, gateway.send("PUT", "api/users/admin", "{\"groups\":[\"Kids\"]}").statusCode(),
                "admins see every channel");
    }

    @Test
    void responsesCarrySecurityHeaders() throws Exception {
        gateway.createChannel("headers1", camera.url(), null);
        HttpResponse<String> page = gateway.anonymous().get("login.xhtml");
        HttpResponse<String> player = gateway.anonymous().get("watch/headers1", "text/html");
        HttpResponse<String> api = gateway.get("api/channels");

        for (HttpResponse<String> response : List.of(page, player, api)) {
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), response.uri().toString());
        }
        assertTrue(page.headers().allValues("Content-Security-Policy").stream().anyMatch(v -> v.contains("frame-ancestors 'none'")));
        String playerPolicy = String.join(";", player.headers().allValues("Content-Security-Policy"));
        assertTrue(playerPolicy.contains("script-src 'self'") && !playerPolicy.contains("unsafe-inline"), playerPolicy);
        assertTrue(playerPolicy.contains("frame-ancestors 'none'"));
    }

    private void ensureUser(String username, String password, String role) throws Exception {
        HttpResponse<String> created = gateway.send("POST", "api/users",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}");
        if (created.statusCode() == 409) {
            gateway.send("PUT", "api/users/" + username, "{\"enabled\":true,\"password\":\"" + password + "\"}");
        } else {
            assertEquals(201, created.statusCode(), created.body());
        }
    }
}
