package org.hlsgateway.playback.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.hlsgateway.testsupport.Camera;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.Ffprobe;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.GatewaySettings;
import org.hlsgateway.testsupport.LlPlaylist;
import org.hlsgateway.testsupport.LlPlaylistChecker;
import org.hlsgateway.testsupport.RtspCamera;
import org.hlsgateway.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The media listener ({@code HLS_MEDIA_PORT}): the read URLs on a port of their own, through Netty, with the same
 * answers and access rules as the container's port. Real Payara Micro (and WildFly: the WildFly pass gives its
 * server the same port), real FFmpeg, the test camera. Channels name their packaging, so the gateway's default
 * does not matter here.
 */
@GatewaySettings({"HLS_MEDIA_PORT=" + MediaListenerIT.PORT, "HLS_MEDIA_ADDRESS=127.0.0.1",
        "HLS_MEDIA_URL=http://127.0.0.1:" + MediaListenerIT.PORT})
class MediaListenerIT extends DeployedGateway {

    /** The same number in arquillian.xml's WildFly options. */
    static final int PORT = 18399;

    @Camera
    static RtspCamera camera;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static URI media(String path) {
        return URI.create("http://127.0.0.1:" + PORT + "/hls_gateway/read/" + path);
    }

    private static HttpResponse<byte[]> fetch(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static String playlist(HttpResponse<byte[]> answer) {
        assertEquals(200, answer.statusCode(), text(answer));
        assertEquals("application/vnd.apple.mpegurl", answer.headers().firstValue("Content-Type").orElse(""));
        LlPlaylistChecker.check(text(answer));
        return text(answer);
    }

    private static void noStackTrace(HttpResponse<byte[]> answer) {
        String body = text(answer);
        assertTrue(body.startsWith("{") && body.contains("\"message\""), "the gateway's JSON error: " + body);
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("at org."), body);
    }

    @Test
    void theMediaPortAnswersTheSamePlaylistPartsAndSegmentsAsTheMainPortAndHoldsBlockingReloads() throws Exception {
        gateway.createChannel("mlsame", camera.url(), "\"packaging\":\"ll\"");

        String text = playlist(fetch(media("mlsame/index.m3u8"))); // cold: started by the media port

        HttpResponse<byte[]> first = fetch(media("mlsame/index.m3u8"));
        assertEquals("*", first.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("nosniff", first.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElse(""));
        LlPlaylist parsed = LlPlaylist.parse(text);
        String map = text.lines().filter(l -> l.startsWith("#EXT-X-MAP:")).findFirst().orElseThrow()
                .replaceAll(".*URI=\"([^\"]+)\".*", "$1");
        String part = parsed.segments().get(0).parts().get(0).uri();
        for (String name : List.of(map, part)) {
            HttpResponse<byte[]> viaMedia = fetch(media("mlsame/" + name));
            HttpResponse<byte[]> viaMain = gateway.getBytes("read/mlsame/" + name);
            assertEquals(200, viaMedia.statusCode(), text(viaMedia));
            assertEquals(viaMain.headers().firstValue("Content-Type"), viaMedia.headers().firstValue("Content-Type"));
            assertArrayEquals(viaMain.body(), viaMedia.body(), name + ": the same bytes on both ports");
        }

        // a blocking reload for the part after the newest: held, then listed
        LlPlaylist.Entry last = parsed.segments().get(parsed.segments().size() - 1);
        String next = last.complete() ? "_HLS_msn=" + (last.msn() + 1) + "&_HLS_part=0"
                : "_HLS_msn=" + last.msn() + "&_HLS_part=" + last.parts().size();
        long start = System.nanoTime();
        String after = playlist(fetch(media("mlsame/index.m3u8?" + next)));
        long waited = (System.nanoTime() - start) / 1_000_000;
        LlPlaylistChecker.checkSuccession(text, after);
        assertTrue(after.contains("URI=\"" + parsed.preloadHint() + "\""), "the hinted part is listed:\n" + after);
        assertTrue(waited < 10_000, waited + " ms");

        // the preload-hinted part: answered once it exists
        String hinted = LlPlaylist.parse(after).preloadHint();
        HttpResponse<byte[]> hintedPart = fetch(media("mlsame/" + hinted));
        assertEquals(200, hintedPart.statusCode(), text(hintedPart));
        assertEquals("moof", new String(hintedPart.body(), 4, 4, StandardCharsets.ISO_8859_1));

        // a whole segment, once one is complete
        String whole = playlist(fetch(media("mlsame/index.m3u8?_HLS_msn=" + (parsed.segments().get(0).msn() + 1))));
        LlPlaylist.Entry complete = LlPlaylist.parse(whole).segments().stream().filter(LlPlaylist.Entry::complete)
                .findFirst().orElseThrow();
        HttpResponse<byte[]> segment = fetch(media("mlsame/" + complete.uri()));
        assertEquals(200, segment.statusCode(), text(segment));
        assertArrayEquals(gateway.getBytes("read/mlsame/" + complete.uri()).body(), segment.body());
        assertEquals("LIVE", gateway.channel("mlsame").getString("state"), "media-port requests count as watching");

        // HLS_MEDIA_URL: players given the watch URL go to the media port; the gateway's own pages stay on the main one
        HttpResponse<String> watch = gateway.anonymous().get("watch/mlsame");
        HttpResponse<String> pages = gateway.anonymous().get("watch/mlsame?format=hls");
        assertEquals(302, watch.statusCode(), watch.body());
        assertEquals(media("mlsame/index.m3u8").toString(), watch.headers().firstValue("Location").orElse(""));
        assertEquals(302, pages.statusCode(), pages.body());
        assertEquals(gateway.uri("read/mlsame/index.m3u8").toString(), pages.headers().firstValue("Location").orElse(""));
        System.out.printf("media port: blocking reload answered after %d ms%n", waited);
    }

    @Test
    void aProtectedChannelNeedsItsTokenOnTheMediaPortEvenWithTheAdminsCredentials() throws Exception {
        gateway.createChannel("mlsigned", camera.url(), "\"public\":false,\"packaging\":\"ll\"");
        String admin = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + Gateway.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> withLogin = fetch(media("mlsigned/index.m3u8"), "Authorization", admin);
        HttpResponse<byte[]> bare = fetch(media("mlsigned/index.m3u8"));
        String token = Tokens.valid(gateway, "mlsigned");
        String query = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpResponse<byte[]> nobodys = fetch(media("mlsigned/index.m3u8?token=" + Tokens.ofNobody("mlsigned")));
        String text = playlist(fetch(media("mlsigned/index.m3u8?" + query)));

        assertEquals(403, withLogin.statusCode(), "no sessions or logins on the media port: " + text(withLogin));
        assertEquals(403, bare.statusCode());
        assertTrue(text(bare).contains("logins count on the main port"), text(bare));
        noStackTrace(bare);
        assertEquals(403, nobodys.statusCode(), "a token of a user that does not exist: " + text(nobodys));
        LlPlaylist parsed = LlPlaylist.parse(text);
        for (String uri : parsed.uris()) {
            assertTrue(uri.endsWith("?" + query), "every URI carries the token: " + uri);
        }
        String part = parsed.segments().get(0).parts().get(0).uri();
        assertEquals(200, fetch(media("mlsigned/" + part)).statusCode());
        assertEquals(403, fetch(media("mlsigned/" + part.substring(0, part.indexOf('?')))).statusCode());
        assertEquals(403, fetch(media("mlsigned/" + part.substring(0, part.indexOf('?')) + "?token="
                + Tokens.expired("mlsigned"))).statusCode(), "an expired token");

        // ffprobe, as VLC or an IPTV app, plays whole segments: once one is listed
        playlist(fetch(media("mlsigned/index.m3u8?" + query + "&_HLS_msn=" + (parsed.segments().get(0).msn() + 1))));
        HttpResponse<String> watch = gateway.anonymous().get("watch/mlsigned?" + query);
        assertEquals(302, watch.statusCode(), watch.body());
        assertEquals(media("mlsigned/index.m3u8?" + query).toString(), watch.headers().firstValue("Location").orElse(""),
                "a signed watch URL goes to the media port with its token");
        assertEquals(403, gateway.anonymous().get("watch/mlsigned").statusCode(), "no token, no redirect anywhere");
        List<String> streams = Ffprobe.streams(gateway.uri("watch/mlsigned?" + query)); // through the redirect

        assertTrue(streams.contains("video h264"), streams.toString());
        assertTrue(streams.contains("audio aac"), streams.toString());
    }

    @Test
    void anMpegTsChannelIsServedFromTheMediaPortWithTheSameSegmentBytes() throws Exception {
        gateway.createChannel("mlts", camera.url(), "\"packaging\":\"ts\"");

        HttpResponse<byte[]> answer = fetch(media("mlts/index.m3u8")); // cold: waits for FFmpeg's first segment

        assertEquals(200, answer.statusCode(), text(answer));
        String text = text(answer);
        assertTrue(text.contains("#EXTINF") && !text.contains("#EXT-X-PART"), text);
        String segment = text.lines().filter(l -> l.endsWith(".ts")).findFirst().orElseThrow();
        HttpResponse<byte[]> viaMedia = fetch(media("mlts/" + segment));
        assertEquals(200, viaMedia.statusCode(), text(viaMedia));
        assertEquals("video/mp2t", viaMedia.headers().firstValue("Content-Type").orElse(""));
        assertEquals(0x47, viaMedia.body()[0] & 0xff);
        assertArrayEquals(gateway.getBytes("read/mlts/" + segment).body(), viaMedia.body());
        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(media("mlts/" + segment))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(viaMedia.body().length), head.headers().firstValue("Content-Length").orElse(""));
        assertEquals(0, head.body().length);
        assertEquals(404, fetch(media("mlts/" + segment.replaceAll("-\\d+\\.ts$", "-999999.ts"))).statusCode());
    }

    @Test
    void badInputOnTheMediaPortGetsAClearErrorAndNoStackTrace() throws Exception {
        HttpResponse<byte[]> elsewhere = fetch(URI.create("http://127.0.0.1:" + PORT + "/hls_gateway/api/channels"));
        HttpResponse<byte[]> unknown = fetch(media("nosuchchannel/index.m3u8"));
        HttpResponse<byte[]> badName = fetch(media("mlbad/evil.sh"));
        HttpResponse<byte[]> traversal = fetch(URI.create("http://127.0.0.1:" + PORT + "/hls_gateway/read/%2e%2e/%2e%2e/etc/passwd"));
        HttpResponse<byte[]> badMsn = fetch(media("mlsame/index.m3u8?_HLS_msn=abc"));
        HttpResponse<byte[]> post = HTTP.send(HttpRequest.newBuilder(media("mlsame/index.m3u8"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(404, elsewhere.statusCode());
        assertTrue(text(elsewhere).contains("main port"), text(elsewhere));
        assertEquals(404, unknown.statusCode());
        assertTrue(text(unknown).contains("no channel named 'nosuchchannel'"), text(unknown));
        assertEquals(400, badName.statusCode());
        assertTrue(text(badName).contains("index.m3u8"), text(badName));
        assertTrue(traversal.statusCode() == 404 || traversal.statusCode() == 400, traversal.statusCode() + "");
        assertTrue(badMsn.statusCode() == 400 || badMsn.statusCode() == 404, text(badMsn));
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD, OPTIONS", post.headers().firstValue("Allow").orElse(""));
        for (HttpResponse<byte[]> answer : List.of(elsewhere, unknown, badName, traversal, post)) {
            noStackTrace(answer);
        }
        assertTrue(raw("GARBAGE\r\n\r\n").startsWith("HTTP/1.1 400"), "a malformed request line");
        assertTrue(raw("GET /hls_gateway/read/a/index.m3u8 HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\n\r\n").matches("(?s)HTTP/1.1 4\\d\\d.*"), "an oversized header");
    }

    /**
     * A player that pipelines many requests and reads late: its answers come, all of them and in order, once it reads
     * (the listener stops reading its requests while over a megabyte of answers waits, instead of piling them up).
     */
    @Test
    void pipelinedRequestsOfASlowReaderAreAllAnsweredInOrder() throws Exception {
        gateway.createChannel("mlpipe", camera.url(), "\"packaging\":\"ll\"");
        String text = playlist(fetch(media("mlpipe/index.m3u8")));
        long msn = LlPlaylist.parse(text).segments().get(0).msn();
        String whole = playlist(fetch(media("mlpipe/index.m3u8?_HLS_msn=" + (msn + 1))));
        String segment = LlPlaylist.parse(whole).segments().stream().filter(LlPlaylist.Entry::complete).findFirst()
                .orElseThrow().uri();
        int size = fetch(media("mlpipe/" + segment)).body().length;
        int count = 300; // about 300 x 40 KB: far over the write buffer's mark
        String one = "GET /hls_gateway/read/mlpipe/" + segment + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String last = "GET /hls_gateway/read/mlpipe/index.m3u8 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

        long bytes;
        int answers;
        try (Socket socket = new Socket("127.0.0.1", PORT)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write((one.repeat(count) + last).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException e) {
                    // the reader below fails then
                }
            });
            writer.start();
            Thread.sleep(2_000); // reads nothing meanwhile
            byte[] all = socket.getInputStream().readAllBytes(); // until the server closes after the last answer
            writer.join(10_000);
            bytes = all.length;
            String seen = new String(all, StandardCharsets.ISO_8859_1);
            answers = seen.split("HTTP/1.1 200 OK\r\n", -1).length - 1;
            assertTrue(seen.lastIndexOf("#EXTM3U") > seen.lastIndexOf("HTTP/1.1 200 OK"), "the playlist, asked last, came last");
        }

        assertEquals(count + 1, answers, "every pipelined request answered 200");
        assertTrue(bytes > (long) count * size, bytes + " bytes for " + count + " segments of " + size);
    }

    /** The first line and whatever follows of the answer to {@code request} written as raw bytes. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", PORT)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int read = in.read(buffer);
            return read <= 0 ? "" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
        }
    }
}
