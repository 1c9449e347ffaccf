package org.hlsgateway.playback.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Duration;
import org.hlsgateway.testsupport.Browser;
import org.hlsgateway.testsupport.Camera;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.Ffprobe;
import org.hlsgateway.testsupport.LlPlaylist;
import org.hlsgateway.testsupport.LlPlaylistChecker;
import org.hlsgateway.testsupport.RtspCamera;
import org.hlsgateway.testsupport.Tokens;
import org.hlsgateway.testsupport.pages.PlayerPage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * LL-HLS from the gateway's own packager (the default, {@code HLS_LL} unset): real Payara Micro, real
 * FFmpeg writing fragmented MP4 to its stdout, the test camera (H.264 with a 1 s GOP, G.711). Every playlist received
 * goes through {@link LlPlaylistChecker}.
 */
class LowLatencyIT extends DeployedGateway {

    /** Generous bound against a hang; the hold of a blocking request is three target durations (3 s here). */
    private static final long HANG_MILLIS = 10_000;

    @Camera
    static RtspCamera camera;

    /** A playlist answer: 200, the playlist type, and RFC 8216bis's rules kept. */
    private static String playlist(HttpResponse<String> answer) {
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("application/vnd.apple.mpegurl", answer.headers().firstValue("Content-Type").orElse(""));
        LlPlaylistChecker.check(answer.body());
        return answer.body();
    }

    /** {@code _HLS_msn} and {@code _HLS_part} of the part after the newest one listed. */
    private static String nextPart(String text) {
        LlPlaylist.Entry last = LlPlaylist.parse(text).segments().get(LlPlaylist.parse(text).segments().size() - 1);
        return last.complete() ? "_HLS_msn=" + (last.msn() + 1) + "&_HLS_part=0"
                : "_HLS_msn=" + last.msn() + "&_HLS_part=" + last.parts().size();
    }

    private static String hint(String text) {
        return LlPlaylist.parse(text).preloadHint();
    }

    private static boolean startsWithBox(byte[] bytes, String type) {
        return bytes.length >= 8 && new String(bytes, 4, 4, StandardCharsets.ISO_8859_1).equals(type);
    }

    @Test
    void aColdRequestAnswersAPlaylistWithPartsAtTheFirstIndependentPart() throws Exception {
        gateway.createChannel("llcold", camera.url(), null);
        long start = System.nanoTime();

        String text = playlist(gateway.get("read/llcold/index.m3u8"));
        long playlistMillis = (System.nanoTime() - start) / 1_000_000;
        LlPlaylist parsed = LlPlaylist.parse(text);
        String map = text.lines().filter(l -> l.startsWith("#EXT-X-MAP:")).findFirst().orElseThrow()
                .replaceAll(".*URI=\"([^\"]+)\".*", "$1");
        String firstPart = parsed.segments().get(0).parts().get(0).uri();
        HttpResponse<byte[]> init = gateway.getBytes("read/llcold/" + map);
        HttpResponse<byte[]> part = gateway.getBytes("read/llcold/" + firstPart);
        long inHandMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(text.contains("#EXT-X-PART-INF:PART-TARGET="), text);
        assertTrue(text.contains("CAN-BLOCK-RELOAD=YES"), text);
        assertTrue(parsed.segments().get(0).parts().get(0).independent(), text);
        assertEquals(200, init.statusCode());
        assertEquals("video/mp4", init.headers().firstValue("Content-Type").orElse(""));
        assertTrue(startsWithBox(init.body(), "ftyp"));
        assertEquals(200, part.statusCode());
        assertEquals("video/iso.segment", part.headers().firstValue("Content-Type").orElse(""));
        assertTrue(startsWithBox(part.body(), "moof"));
        System.out.printf("LL cold start: playlist with the first part after %d ms, init section and first part in"
                + " hand after %d ms%n", playlistMillis, inHandMillis);
        assertEquals("LIVE", gateway.channel("llcold").getString("state"));
        HttpResponse<String> page = gateway.get("watch/llcold", "text/html");
        assertTrue(page.body().contains("data-low-latency=\"true\""), "hls.js in low-latency mode");
    }

    /** The MPEG-TS choice: a channel set to {@code ts} is FFmpeg's plain HLS on an LL gateway, for players that need it. */
    @Test
    void aChannelSetToTsIsServedAsMpegTsSegmentsOnAnLlGateway() throws Exception {
        JsonObject created = gateway.createChannel("llts", camera.url(), "\"packaging\":\"ts\"");
        assertEquals("ts", created.getString("packaging"));

        HttpResponse<String> watch = gateway.get("watch/llts");

        assertEquals(302, watch.statusCode(), watch.body());
        String text = gateway.get(URI.create(watch.headers().firstValue("Location").orElseThrow())).body();
        assertTrue(text.contains("#EXTINF") && !text.contains("#EXT-X-PART") && !text.contains("#EXT-X-MAP"), text);
        String segment = text.lines().filter(l -> l.endsWith(".ts")).findFirst().orElseThrow();
        HttpResponse<byte[]> bytes = gateway.getBytes("read/llts/" + segment);
        assertEquals(200, bytes.statusCode());
        assertEquals("video/mp2t", bytes.headers().firstValue("Content-Type").orElse(""));
        assertEquals(0x47, bytes.body()[0] & 0xff, "an MPEG-TS packet starts with its sync byte");
        assertTrue(gateway.get("watch/llts", "text/html").body().contains("data-low-latency=\"false\""));
    }

    @Test
    void aBlockingReloadWaitsForTheNextPartAndThenListsIt() throws Exception {
        gateway.createChannel("llblock", camera.url(), null);
        String before = playlist(gateway.get("read/llblock/index.m3u8"));
        String next = nextPart(before);
        String hinted = hint(before);
        long start = System.nanoTime();

        String after = playlist(gateway.get("read/llblock/index.m3u8?" + next));

        long waited = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waited < HANG_MILLIS, "waited " + waited + " ms");
        LlPlaylistChecker.checkSuccession(before, after);
        assertTrue(after.contains("URI=\"" + hinted + "\""), "the part hinted before is listed now:\n" + after);
        assertFalse(hint(after).equals(hinted), after);
        System.out.printf("LL blocking reload for %s answered after %d ms%n", next, waited);
    }

    @Test
    void aRequestTooFarAheadOrWithBadValuesAnswers400AtOnce() throws Exception {
        gateway.createChannel("llahead", camera.url(), null);
        String text = playlist(gateway.get("read/llahead/index.m3u8"));
        List<LlPlaylist.Entry> segments = LlPlaylist.parse(text).segments();
        long newest = segments.get(segments.size() - 1).msn();
        long start = System.nanoTime();

        HttpResponse<String> ahead = gateway.get("read/llahead/index.m3u8?_HLS_msn=" + (newest + 3));

        assertTrue((System.nanoTime() - start) / 1_000_000 < HANG_MILLIS);
        assertEquals(400, ahead.statusCode(), ahead.body());
        assertTrue(ahead.body().contains("more than two segments ahead"), ahead.body());
        for (String bad : List.of("_HLS_msn=abc", "_HLS_msn=-1", "_HLS_part=1", "_HLS_msn=1&_HLS_part=x",
                "_HLS_skip=maybe")) {
            HttpResponse<String> answer = gateway.get("read/llahead/index.m3u8?" + bad);
            assertEquals(400, answer.statusCode(), bad + ": " + answer.body());
            assertTrue(answer.body().contains("_HLS_"), answer.body());
        }
        assertEquals(400, gateway.get("read/llahead/part1.mp4").statusCode(), "names outside the pattern");
        assertEquals(404, gateway.get("read/llahead/part" + Long.MAX_VALUE / 10 + ".m4s").statusCode(),
                "a part far beyond the hint is not waited for");
    }

    @Test
    void thePreloadHintedPartIsAnsweredOnceItExists() throws Exception {
        gateway.createChannel("llhint", camera.url(), null);
        String before = playlist(gateway.get("read/llhint/index.m3u8"));
        String hinted = hint(before);
        long start = System.nanoTime();

        HttpResponse<byte[]> part = gateway.getBytes("read/llhint/" + hinted);

        long waited = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, part.statusCode(), new String(part.body(), StandardCharsets.UTF_8));
        assertEquals("video/iso.segment", part.headers().firstValue("Content-Type").orElse(""));
        assertTrue(startsWithBox(part.body(), "moof"));
        assertTrue(waited < HANG_MILLIS, "waited " + waited + " ms");
        String after = playlist(gateway.get("read/llhint/index.m3u8"));
        assertTrue(after.contains("URI=\"" + hinted + "\""), after);
        System.out.printf("LL preload-hinted part answered after %d ms%n", waited);
    }

    @Test
    void aProtectedChannelPlaysThroughASignedUrlWithTheTokenOnEveryUri() throws Exception {
        gateway.createChannel("llsigned", camera.url(), "\"public\":false");
        String token = Tokens.valid(gateway, "llsigned");
        URI signed = gateway.uri("watch/llsigned?token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
        String query = "token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8);
        assertEquals(403, gateway.anonymous().get("read/llsigned/index.m3u8").statusCode());

        HttpResponse<String> watch = gateway.anonymous().get(signed);

        assertEquals(302, watch.statusCode(), watch.body());
        URI playlistUri = URI.create(watch.headers().firstValue("Location").orElseThrow());
        String text = playlist(gateway.anonymous().get(playlistUri));
        LlPlaylist parsed = LlPlaylist.parse(text);
        assertTrue(parsed.segments().stream().anyMatch(LlPlaylist.Entry::complete),
                "watch redirects once a whole segment is listed, for players that ignore parts:\n" + text);
        assertFalse(parsed.uris().isEmpty());
        for (String uri : parsed.uris()) {
            assertTrue(uri.endsWith("?" + query), "every URI carries the token: " + uri + "\n" + text);
        }
        assertTrue(text.contains("#EXT-X-MAP:URI=\"init") && text.contains("?" + query + "\""), text);
        assertTrue(parsed.preloadHint().endsWith("?" + query), parsed.preloadHint());
        String part = parsed.segments().get(0).parts().get(0).uri();
        assertEquals(200, gateway.anonymous().getBytes("read/llsigned/" + part).statusCode());
        assertEquals(403, gateway.anonymous().getBytes("read/llsigned/" + part.substring(0, part.indexOf('?')))
                .statusCode(), "a part without the token");

        List<String> streams = Ffprobe.streams(signed); // as VLC or an IPTV app is given it

        assertTrue(streams.contains("video h264"), streams.toString());
        assertTrue(streams.contains("audio aac"), streams.toString());
    }

    @Test
    void aCameraOutageKeepsOneMediaSequenceWithADiscontinuity() throws Exception {
        RtspCamera gone = RtspCamera.start();
        RtspCamera back = null;
        try {
            gateway.createChannel("llout", gone.url(), null);
            String previous = playlist(gateway.get("read/llout/index.m3u8"));
            gone.close(); // the camera goes away, and comes back 2 s later where the channel expects it
            long comeBack = System.currentTimeMillis() + 2_000;
            long end = System.currentTimeMillis() + 45_000;
            boolean resumed = false;
            while (System.currentTimeMillis() < end && !resumed) {
                if (back == null && System.currentTimeMillis() >= comeBack) {
                    back = RtspCamera.startOn(gone.port());
                }
                Thread.sleep(200);
                String next = playlist(gateway.get("read/llout/index.m3u8"));
                LlPlaylistChecker.checkSuccession(previous, next);
                previous = next;
                int discontinuity = next.lastIndexOf("#EXT-X-DISCONTINUITY\n");
                resumed = discontinuity >= 0 && next.substring(discontinuity).contains("#EXT-X-PART:");
            }
            assertTrue(resumed, "no discontinuity with parts after it within 45 s:\n" + previous);
        } finally {
            gone.close();
            if (back != null) {
                back.close();
            }
        }
    }

    /**
     * Headless Chromium: the player page's hls.js in low-latency mode plays for 60 s with no stall, and says how far
     * behind live it is ({@code hls.latency}, sampled every second).
     */
    @Test
    void hlsJsInLowLatencyModePlaysSixtySecondsWithoutAStallAboutASecondBehindLive() throws Exception {
        gateway.createChannel("llbrowser", camera.url(), null);
        ChromeDriver browser = Browser.start();
        try {
            long opened = System.nanoTime();
            PlayerPage player = PlayerPage.open(browser, gateway.uri("watch/llbrowser"));
            double first = player.awaitPlayedSeconds(0.04, Duration.ofSeconds(40));
            long firstFrameMillis = (System.nanoTime() - opened) / 1_000_000;
            player.countStalls();
            List<Double> behind = new java.util.ArrayList<>();
            long end = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(1_000);
                double seconds = player.secondsBehindLive();
                if (!Double.isNaN(seconds)) {
                    behind.add(seconds);
                }
            }
            double played = player.currentTime() - first;
            double[] stalls = player.stalls();
            List<Double> sorted = behind.stream().sorted().toList();
            double median = sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
            System.out.printf("LL in Chromium: page load to first frame %d ms; 60 s: %.1f s played, %d stalls"
                    + " (%.0f ms), behind live median %.1f s, max %.1f s over %d samples%n", firstFrameMillis, played,
                    (int) stalls[0], stalls[1], median, sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1),
                    sorted.size());

            assertTrue(played >= 55.0, "video.currentTime must advance with the clock: " + played + " s in 60 s");
            assertEquals(0, (int) stalls[0], "stalls in 60 s (" + stalls[1] + " ms)");
            assertTrue(sorted.size() >= 50, "the status says how far behind live: " + sorted.size() + " of 60 samples");
            assertTrue(median < 3.0, "plain HLS plays about 3 targets (6 s) behind; LL-HLS holds back 3 part targets: "
                    + "median " + median + " s");
        } finally {
            browser.quit();
        }
    }
}
