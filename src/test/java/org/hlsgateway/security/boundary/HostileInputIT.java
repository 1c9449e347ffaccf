package org.hlsgateway.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hlsgateway.testsupport.ConsoleSession;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.FfmpegProcesses;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.RawHttp;
import org.hlsgateway.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: for every case the status, a readable message, and that neither the database
 * (channels and users) nor the running FFmpeg processes changed.
 */
class HostileInputIT extends DeployedGateway {

    /** One hostile request and the statuses that are a correct refusal. */
    record Case(String label, Request request, Set<Integer> refusals) {
    }

    @FunctionalInterface
    interface Request {
        RawHttp.Answer send() throws Exception;
    }

    /** Adapts an HTTP client call. */
    static Request http(HttpCall call) {
        return () -> {
            HttpResponse<String> response = call.send();
            return new RawHttp.Answer(response.statusCode(), response.body());
        };
    }

    @FunctionalInterface
    interface HttpCall {
        HttpResponse<String> send() throws Exception;
    }

    int cases;

    @BeforeEach
    void prepare() throws Exception {
        gateway.createChannel("target1", "rtsp://user:s3cret@127.0.0.1:9/cam", "\"name\":\"Target\"");
        gateway.createChannel("locked2", "rtsp://127.0.0.1:9/cam", "\"public\":false");
    }

    @Test
    void pathTraversalOnReadNeverReachesTheFileSystem() throws Exception {
        Gateway anyone = gateway.anonymous();
        List<Case> all = new ArrayList<>();
        for (String name : List.of("..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%2e%2e",
                "..%5C..%5Cwindows%5Cwin.ini", "%2Fetc%2Fpasswd", "index.m3u8%00.ts", "%252e%252e%252fetc%252fpasswd",
                "..%c0%af..%c0%afetc%c0%afpasswd", "C:%5Cwindows%5Cwin.ini", "index.m3u8.tmp", "x-1.ts%2F..%2F..%2Findex.m3u8",
                "....%2F%2F....%2F%2Fetc%2Fpasswd")) {
            // sent byte for byte: the server's HTTP layer may refuse some with only a reason phrase ("Invalid URI")
            all.add(new Case("raw read " + name, () -> RawHttp.get(gateway.uri(""), gateway.uri("read/target1/").getPath() + name),
                    Set.of(400, 404)));
        }
        for (String raw : List.of("/../../etc/passwd", "/..\\..\\etc\\passwd", "/%2e%2e/%2e%2e/etc/passwd")) {
            all.add(new Case("raw read " + raw, () -> RawHttp.get(gateway.uri(""), gateway.uri("read/target1").getPath() + raw),
                    Set.of(400, 404)));
        }
        all.add(new Case("read with traversal in the nickname", http(() -> anyone.get("read/..%2F..%2Fetc/passwd")), Set.of(400, 404)));
        all.add(new Case("watch with traversal in the nickname", http(() -> anyone.get("watch/..%2F..%2Fetc%2Fpasswd")), Set.of(400, 404)));
        runAll(all);
    }

    @Test
    void forbiddenSchemesAndMalformedUrlsAre400() throws Exception {
        List<Case> all = new ArrayList<>();
        for (String url : List.of("file:///etc/passwd", "FILE:///etc/passwd", "concat:/etc/passwd|/etc/hosts",
                "subfile:,start,0,end,0,:/etc/passwd", "pipe:0", "data:text/plain;base64,AAAA", "javascript:alert(1)",
                "ftp://example.org/x.ts", "gopher://example.org/", "/etc/passwd", "http:///x", "rtsp://user:pw@/x",
                "rtsp://h/x\\u0000y", "rtsp://h/x y", "\\u202ertsp://h/x")) {
            String json = "{\"nickname\":\"evil1\",\"url\":\"" + url + "\"}";
            all.add(new Case("url " + url, http(() -> gateway.send("POST", "api/channels", json)), Set.of(400)));
        }
        all.add(new Case("PUT with a file URL", http(() -> gateway.send("PUT", "api/channels/target1",
                "{\"url\":\"file:///etc/shadow\"}")), Set.of(400)));
        runAll(all);
    }

    @Test
    void oversizedMalformedAndMarkupFieldsAre400() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("65-character nickname", "{\"nickname\":\"" + "a".repeat(65) + "\",\"url\":\"rtsp://h/x\"}");
        bodies.put("upper-case nickname", "{\"nickname\":\"Cam1\",\"url\":\"rtsp://h/x\"}");
        bodies.put("markup nickname", "{\"nickname\":\"<script>alert(1)</script>\",\"url\":\"rtsp://h/x\"}");
        bodies.put("unicode nickname", "{\"nickname\":\"kamera\\u00e9\",\"url\":\"rtsp://h/x\"}");
        bodies.put("SQL in nickname", "{\"nickname\":\"a' OR '1'='1\",\"url\":\"rtsp://h/x\"}");
        bodies.put("SQL comment nickname", "{\"nickname\":\"x;--\",\"url\":\"rtsp://h/x\"}");
        bodies.put("201-character name", "{\"nickname\":\"big1\",\"url\":\"rtsp://h/x\",\"name\":\"" + "n".repeat(201) + "\"}");
        bodies.put("2049-character url", "{\"nickname\":\"big2\",\"url\":\"rtsp://h/" + "x".repeat(2040) + "\"}");
        bodies.put("control character in name", "{\"nickname\":\"ctl1\",\"url\":\"rtsp://h/x\",\"name\":\"a\\u0007b\"}");
        bodies.put("number as nickname", "{\"nickname\":42,\"url\":\"rtsp://h/x\"}");
        bodies.put("array as body", "[{\"nickname\":\"arr1\",\"url\":\"rtsp://h/x\"}]");
        bodies.put("truncated JSON", "{\"nickname\":\"trunc1\",\"url\":");
        bodies.put("unknown field", "{\"nickname\":\"extra1\",\"url\":\"rtsp://h/x\",\"id\":1}");
        bodies.put("bad enum", "{\"nickname\":\"enum1\",\"url\":\"rtsp://h/x\",\"video\":\"hevc;rm -rf /\"}");
        bodies.put("public as text", "{\"nickname\":\"flag1\",\"url\":\"rtsp://h/x\",\"public\":\"yes\"}");
        bodies.put("one megabyte name", "{\"nickname\":\"huge1\",\"url\":\"rtsp://h/x\",\"name\":\"" + "m".repeat(1_000_000) + "\"}");
        List<Case> all = new ArrayList<>();
        bodies.forEach((label, body) -> all.add(new Case(label, http(() -> gateway.send("POST", "api/channels", body)), Set.of(400, 413))));
        all.add(new Case("duplicate nickname", http(() -> gateway.send("POST", "api/channels",
                "{\"nickname\":\"target1\",\"url\":\"rtsp://other/x\"}")), Set.of(409)));
        all.add(new Case("rename onto an existing nickname", http(() -> gateway.send("PUT", "api/channels/locked2",
                "{\"nickname\":\"target1\",\"url\":\"rtsp://127.0.0.1:9/cam\",\"public\":false}")), Set.of(409)));
        all.add(new Case("SQL in the path of GET", http(() -> gateway.get("api/channels/a'%20OR%20'1'='1")), Set.of(404)));
        all.add(new Case("SQL in the path of DELETE", http(() -> gateway.send("DELETE", "api/channels/x'%20OR%201=1--", null)), Set.of(404)));
        all.add(new Case("form post instead of JSON", http(() -> gateway.sendRaw("POST", "api/channels", "text/plain",
                "{\"nickname\":\"plain1\",\"url\":\"rtsp://h/x\"}")), Set.of(415)));
        all.add(new Case("user with markup name", http(() -> gateway.send("POST", "api/users",
                "{\"username\":\"<b>x</b>\",\"password\":\"long-enough-1\"}")), Set.of(400)));
        all.add(new Case("user with 200-character password", http(() -> gateway.send("POST", "api/users",
                "{\"username\":\"longpw1\",\"password\":\"" + "p".repeat(200) + "\"}")), Set.of(400)));
        runAll(all);
    }

    @Test
    void unauthenticatedForgedAndCrossSiteRequestsAreRefused() throws Exception {
        Gateway anyone = gateway.anonymous();
        ConsoleSession console = ConsoleSession.logIn(gateway.uri(""), "admin", Gateway.ADMIN_PASSWORD);
        String editPage = console.get("admin/channel/edit.xhtml").body();
        String viewState = ConsoleSession.viewState(editPage);
        String valid = Tokens.valid(gateway, "locked2");
        List<Case> all = new ArrayList<>();
        all.add(new Case("create without credentials", http(() -> anyone.send("POST", "api/channels",
                "{\"nickname\":\"anon1\",\"url\":\"rtsp://h/x\"}")), Set.of(401)));
        all.add(new Case("delete with a wrong password", http(() -> gateway.as("admin", "guess").send("DELETE", "api/channels/target1", null)), Set.of(401)));
        all.add(new Case("forged token", http(() -> anyone.get("watch/locked2?token=" + valid.substring(0, 30) + "AAAAAAAAAAAAAAAAAA")), Set.of(403)));
        all.add(new Case("expired token", http(() -> anyone.get("watch/locked2?token=" + Tokens.expired("locked2"))), Set.of(403)));
        all.add(new Case("other channel's token", http(() -> anyone.get("read/locked2/index.m3u8?token=" + Tokens.ofNobody("target1"))), Set.of(403)));
        all.add(new Case("truncated token", http(() -> anyone.get("watch/locked2?token=" + valid.substring(0, 47))), Set.of(403)));
        all.add(new Case("padded token", http(() -> anyone.get("watch/locked2?token=" + valid + "%3D%3D")), Set.of(403)));
        all.add(new Case("over-long token", http(() -> anyone.get("read/locked2/index.m3u8?token=" + valid + "A".repeat(300))), Set.of(403)));
        all.add(new Case("old-format token", http(() -> anyone.get("watch/locked2?token=1900000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")), Set.of(403)));
        all.add(new Case("token of a user that does not exist", http(() -> anyone.get("watch/locked2?token=" + Tokens.ofNobody("locked2"))), Set.of(403)));
        all.add(new Case("channel token as a playlist token", http(() -> anyone.get("playlist.m3u?token=" + valid)), Set.of(403)));
        all.add(new Case("token with NUL bytes", http(() -> anyone.get("watch/locked2?token=%00%00%00")), Set.of(403)));
        all.add(new Case("console form without its token", http(() -> console.post("admin/channel/edit.xhtml",
                editForm("csrf1", null), null)), Set.of(403)));
        all.add(new Case("console form with a forged token", http(() -> console.post("admin/channel/edit.xhtml",
                editForm("csrf2", "-1234567890123456789:987654321"), null)), Set.of(403)));
        all.add(new Case("console form with its view state but without the page's nonce", http(() -> console.post(
                "admin/channel/edit.xhtml", editForm("csrf5", viewState), null)), Set.of(403)));
        all.add(new Case("console form from another site", http(() -> console.post("admin/channel/edit.xhtml",
                editForm("csrf3", viewState), "https://evil.example")), Set.of(403)));
        all.add(new Case("API call from another site", http(() -> gateway.sendWithOrigin("POST", "api/channels",
                "{\"nickname\":\"csrf4\",\"url\":\"rtsp://h/x\"}", "https://evil.example")), Set.of(403)));
        runAll(all);
    }

    private static Map<String, String> editForm(String nickname, String viewState) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel", "channel");
        form.put("channel:nickname", nickname);
        form.put("channel:name", nickname);
        form.put("channel:url", "rtsp://127.0.0.1:9/x");
        form.put("channel:save", "");
        if (viewState != null) {
            form.put("jakarta.faces.ViewState", viewState);
        }
        return form;
    }

    private void runAll(List<Case> all) throws Exception {
        List<String> failures = new ArrayList<>();
        for (Case c : all) {
            String channelsBefore = snapshot("api/channels");
            String usersBefore = snapshot("api/users");
            Set<Long> processesBefore = ffmpegPids();

            RawHttp.Answer response = c.request().send();
            cases++;

            String body = response.text();
            if (!c.refusals().contains(response.status())) {
                failures.add(c.label() + ": status " + response.status() + ", expected " + c.refusals() + " " + clip(body));
            } else if (body == null || body.isBlank()) {
                failures.add(c.label() + ": no message");
            } else if (body.contains("Exception") || body.contains("\tat ") || body.contains("root:x:0:0")) {
                failures.add(c.label() + ": leaks internals: " + clip(body));
            }
            if (!snapshot("api/channels").equals(channelsBefore)) {
                failures.add(c.label() + ": the channels changed");
            }
            if (!snapshot("api/users").equals(usersBefore)) {
                failures.add(c.label() + ": the users changed");
            }
            if (!ffmpegPids().equals(processesBefore)) {
                failures.add(c.label() + ": FFmpeg processes changed");
            }
            if (body != null && body.contains("s3cret")) {
                failures.add(c.label() + ": a source password was echoed");
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + all.size() + " cases failed:\n" + String.join("\n", failures));
    }

    /** The stored state only (live fields such as lastAccessAt change with any request). */
    private String snapshot(String path) throws Exception {
        HttpResponse<String> response = gateway.get(path);
        assertEquals(200, response.statusCode());
        return Gateway.jsonArray(response.body()).getValuesAs(jakarta.json.JsonObject.class).stream()
                .map(o -> o.entrySet().stream()
                        .filter(e -> Set.of("nickname", "name", "url", "rtspTransport", "audio", "video", "public",
                                "updatedAt", "username", "role", "enabled").contains(e.getKey()))
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")))
                .sorted().collect(Collectors.joining("\n"));
    }

    /** FFmpeg processes of the gateway under test (their output lies under the ITs' work directory). */
    private static Set<Long> ffmpegPids() {
        String workDir = System.getProperty("hls.test.dir", "target/it");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(workDir)).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static String clip(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    @org.junit.jupiter.api.AfterEach
    void noProcessForTheTargets() {
        assertTrue(FfmpegProcesses.forChannel("target1").isEmpty());
        assertFalse(cases == 0, "no case ran");
    }
}
