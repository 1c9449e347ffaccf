package org.hlsgateway.playback.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hlsgateway.testsupport.Camera;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.FfmpegProcesses;
import org.hlsgateway.testsupport.Ffprobe;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.MediaPlaylist;
import org.hlsgateway.testsupport.RtspCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch and read against real Payara Micro, real FFmpeg and a real RTSP camera.
 * The failsafe configuration runs the server with HLS_IDLE_TIMEOUT=3 and HLS_START_TIMEOUT=15.
 */
class PlaybackIT extends DeployedGateway {

    @Camera
    static RtspCamera camera;

    /** The gateway's default: LL-HLS, whose whole segments players that ignore parts play (fMP4 after its init). */
    @Test
    void coldWatchRedirectsToAPlaylistWithAPlayableSegment(@TempDir Path tmp) throws Exception {
        coldWatch("cold1", "\"name\":\"Cold start\"", true, tmp);
    }

    /** A channel set to {@code ts}: FFmpeg's MPEG-TS segments, each one playable alone. */
    @Test
    void coldWatchOfAChannelSetToTsRedirectsToAPlaylistWithAPlayableMpegTsSegment(@TempDir Path tmp) throws Exception {
        coldWatch("cold1ts", "\"name\":\"Cold start\",\"packaging\":\"ts\"", false, tmp);
    }

    private void coldWatch(String nickname, String extraJson, boolean fmp4, Path tmp) throws Exception {
        gateway.createChannel(nickname, camera.url(), extraJson);

        HttpResponse<String> watch = gateway.get("watch/" + nickname);

        assertEquals(302, watch.statusCode(), watch.body());
        URI playlistUri = URI.create(watch.headers().firstValue("Location").orElseThrow());
        assertTrue(playlistUri.getPath().endsWith("/hls_gateway/read/" + nickname + "/index.m3u8"), playlistUri.toString());
        HttpResponse<String> playlist = gateway.get(playlistUri);
        assertEquals(200, playlist.statusCode());
        assertEquals("application/vnd.apple.mpegurl", playlist.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-cache", playlist.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("*", playlist.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(playlist.body().contains("#EXTINF"), playlist.body());
        assertFalse(playlist.body().contains("#EXT-X-ENDLIST"), "a live playlist must not end");
        assertEquals(fmp4, MediaPlaylist.fmp4(playlist.body()), playlist.body());

        String segmentName = MediaPlaylist.firstSegment(playlist.body());
        assertTrue(segmentName.endsWith(fmp4 ? ".m4s" : ".ts"), segmentName);
        HttpResponse<byte[]> segment = gateway.getBytes("read/" + nickname + "/" + segmentName);
        assertEquals(200, segment.statusCode());
        assertEquals(fmp4 ? "video/iso.segment" : "video/mp2t", segment.headers().firstValue("Content-Type").orElse(""));
        assertEquals(segment.body().length, Long.parseLong(segment.headers().firstValue("Content-Length").orElse("-1")));
        assertTrue(segment.headers().firstValue("Cache-Control").orElse("").contains("max-age"));
        if (!fmp4) {
            assertEquals(0x47, segment.body()[0] & 0xff, "an MPEG-TS packet starts with its sync byte");
        }
        Path file = MediaPlaylist.playable(gateway, nickname, playlist.body(), segment, tmp.resolve(nickname + "-segment"));
        List<String> streams = Ffprobe.streams(file);
        assertTrue(streams.contains("video h264"), streams.toString());
        assertTrue(streams.contains("audio aac"), "G.711 must be transcoded to AAC: " + streams);

        JsonObject state = gateway.channel(nickname);
        assertEquals("LIVE", state.getString("state"));
        assertEquals(1, state.getInt("viewers"));
        assertFalse(state.isNull("startedAt"));
    }

    @Test
    void idleTranscoderStopsAndTheCameraSeesItsClientLeave() throws Exception {
        try (RtspCamera own = RtspCamera.start()) {
            gateway.createChannel("idle1", own.url(), null);
            assertEquals(302, gateway.get("watch/idle1").statusCode());
            HttpResponse<String> playlist = gateway.get("read/idle1/index.m3u8");
            assertEquals(200, playlist.statusCode());
            List<ProcessHandle> running = FfmpegProcesses.forChannel("idle1");
            assertEquals(1, running.size());
            Path workDir = Path.of(System.getProperty("hls.test.dir"), "work");
            assertTrue(hasChannelDir(workDir, "idle1"));
            long lastRequest = System.currentTimeMillis();

            boolean gone = FfmpegProcesses.awaitNone("idle1", 15_000);
            long stoppedAfter = System.currentTimeMillis() - lastRequest;

            assertTrue(gone, "FFmpeg still runs 15 s after the last request");
            assertTrue(stoppedAfter <= 5_000, "FFmpeg stopped " + stoppedAfter + " ms after the last request; expected <= 5 s");
            assertTrue(own.awaitNoClients(Duration.ofSeconds(3)), "camera still has a client: " + own.events());
            long end = System.currentTimeMillis() + 2_000; // deleted right after FFmpeg is reaped
            while (hasChannelDir(workDir, "idle1") && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            assertFalse(hasChannelDir(workDir, "idle1"), "the channel's HLS directory must be deleted");
            assertEquals("IDLE", gateway.channel("idle1").getString("state"));
            assertEquals(404, gateway.get("read/idle1/" + MediaPlaylist.firstSegment(playlist.body())).statusCode());
        }
    }

    @Test
    void twentyConcurrentColdWatchesStartOneFfmpeg() throws Exception {
        gateway.createChannel("crowd1", camera.url(), null);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        Set<Long> pidsSeen = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Callable<Integer> watch = () -> {
                go.await();
                int status = gateway.get("watch/crowd1").statusCode();
                FfmpegProcesses.forChannel("crowd1").forEach(p -> pidsSeen.add(p.pid()));
                return status;
            };
            answers.add(pool.submit(watch));
        }
        go.countDown();
        for (Future<Integer> answer : answers) {
            assertEquals(302, answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertEquals(1, FfmpegProcesses.forChannel("crowd1").size());
        assertEquals(1, pidsSeen.size(), "FFmpeg processes seen: " + pidsSeen);
    }

    @Test
    void aSourceThatRefusesGives502AtOnceAndLeavesNoProcess() throws Exception {
        int closedPort = RtspCamera.freePort();
        gateway.createChannel("refused1", "rtsp://127.0.0.1:" + closedPort + "/nothing", null);
        long start = System.currentTimeMillis();

        HttpResponse<String> watch = gateway.get("watch/refused1");

        long took = System.currentTimeMillis() - start;
        assertEquals(502, watch.statusCode(), watch.body());
        assertTrue(took < 15_000, "took " + took + " ms");
        String message = Gateway.json(watch.body()).getString("message");
        assertFalse(message.isBlank());
        assertTrue(FfmpegProcesses.awaitNone("refused1", 5_000));
        JsonObject state = gateway.channel("refused1");
        assertEquals("FAILED", state.getString("state"));
        assertEquals(message, state.getString("lastError"));
    }

    @Test
    void aSilentSourceGives502Or504WithinTheStartTimeoutAndLeavesNoProcess() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept()); // accept and never answer, like a hung camera
                    }
                } catch (IOException e) {
                    held.forEach(s -> {
                        try {
                            s.close();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                    });
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            gateway.createChannel("silent1", "rtsp://127.0.0.1:" + silent.getLocalPort() + "/cam", null);
            long start = System.currentTimeMillis();

            HttpResponse<String> watch = gateway.get("watch/silent1");

            long took = System.currentTimeMillis() - start;
            assertTrue(watch.statusCode() == 502 || watch.statusCode() == 504, watch.statusCode() + " " + watch.body());
            assertTrue(took < 21_000, "took " + took + " ms");
            assertFalse(Gateway.json(watch.body()).getString("message").isBlank());
            assertTrue(FfmpegProcesses.awaitNone("silent1", 5_000));
        }
    }

    @Test
    void rtspOverUdpPlaysToo() throws Exception {
        gateway.createChannel("udp1", camera.url(), "\"rtspTransport\":\"udp\"");

        HttpResponse<String> watch = gateway.get("watch/udp1");

        assertEquals(302, watch.statusCode(), watch.body());
        assertTrue(FfmpegProcesses.forChannel("udp1").get(0).info().arguments()
                .map(a -> String.join(" ", a)).orElse("").contains("-rtsp_transport udp"));
    }

    @Test
    void readRefusesNamesOutsideThePatternAndUnknownChannels() throws Exception {
        gateway.createChannel("names1", camera.url(), null);
        for (String bad : List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e", "index.m3u8.tmp", "..%5C..%5Cwin.ini",
                "passwd%00.ts", "INDEX.M3U8", "x.ts")) {
            HttpResponse<String> response = gateway.get("read/names1/" + bad);
            assertTrue(response.statusCode() == 400 || response.statusCode() == 404, bad + " -> " + response.statusCode());
            assertFalse(response.body().contains("root:"), bad);
        }
        assertEquals(404, gateway.get("read/nosuchchannel/index.m3u8").statusCode());
        assertEquals(404, gateway.get("watch/nosuchchannel").statusCode());
        HttpResponse<String> notRunning = gateway.get("read/names1/abc-1.ts");
        assertEquals(404, notRunning.statusCode(), "segment of a channel that is not running");
        assertEquals(404, gateway.get("read/names1/seg1.m4s").statusCode(), "LL-HLS segment of a channel that is not running");
        assertEquals("*", notRunning.headers().firstValue("Access-Control-Allow-Origin").orElse(""),
                "errors carry CORS headers so that players on other origins can read them");
        assertTrue(FfmpegProcesses.forChannel("names1").isEmpty(), "bad requests must not start FFmpeg");
    }

    @Test
    void browsersNavigatingToWatchGetThePlayerPagePlayersTheRedirect() throws Exception {
        gateway.createChannel("page1", camera.url(), "\"name\":\"<b>Door</b>\"");

        HttpResponse<String> html = gateway.get("watch/page1",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        HttpResponse<String> player = gateway.get("watch/page1", "*/*");

        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(html.body().contains("<video"));
        assertTrue(html.body().contains("hls.min.js"));
        assertTrue(html.body().contains("&lt;b&gt;Door&lt;/b&gt;"), "markup in names is shown as text");
        assertFalse(html.body().contains("<b>Door</b>"));
        assertEquals(302, player.statusCode(), player.body());
        gateway.createChannel("page2", camera.url(), null);
        gateway.get("watch/page2", "text/html");
        assertFalse("IDLE".equals(gateway.channel("page2").getString("state")),
                "the page starts the channel: FFmpeg connects while the page's player loads");
    }

    private static boolean hasChannelDir(Path workDir, String nickname) throws IOException {
        if (!Files.isDirectory(workDir)) {
            return false;
        }
        try (var dirs = Files.list(workDir)) {
            return dirs.anyMatch(d -> d.getFileName().toString().startsWith(nickname + "-"));
        }
    }
}
