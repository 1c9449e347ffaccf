package org.hlsgateway.transcoding.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.FfmpegProcesses;
import org.hlsgateway.testsupport.FfmpegSource;
import org.hlsgateway.testsupport.MediaPlaylist;
import org.hlsgateway.testsupport.Ffprobe;
import org.hlsgateway.testsupport.RtspCamera;
import org.hlsgateway.testsupport.StaticFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every input kind besides RTSP, each against a real local peer: the gateway plays it as HLS. */
class InputKindsIT extends DeployedGateway {

    @TempDir
    Path tmp;

    @Test
    void rtsps() throws Exception {
        try (RtspCamera camera = RtspCamera.startTls(tmp)) {
            assertTrue(camera.url().startsWith("rtsps://"));
            assertPlays("kind-rtsps", camera.url());
        }
    }

    @Test
    void rtmp() throws Exception {
        int port = RtspCamera.freePort();
        String url = "rtmp://127.0.0.1:" + port + "/live/stream";
        try (FfmpegSource source = FfmpegSource.start(tmp.resolve("rtmp.log"), "-f", "flv", "-listen", "1", url)) {
            Thread.sleep(500); // let the sender listen
            assertPlays("kind-rtmp", url);
        }
    }

    @Test
    void srt() throws Exception {
        int port = RtspCamera.freePort();
        try (FfmpegSource source = FfmpegSource.start(tmp.resolve("srt.log"), "-f", "mpegts",
                "srt://127.0.0.1:" + port + "?mode=listener")) {
            Thread.sleep(500);
            assertPlays("kind-srt", "srt://127.0.0.1:" + port + "?mode=caller");
        }
    }

    @Test
    void httpMpegTs() throws Exception {
        int port = RtspCamera.freePort();
        String url = "http://127.0.0.1:" + port + "/live.ts";
        try (FfmpegSource source = FfmpegSource.start(tmp.resolve("http.log"), "-f", "mpegts", "-listen", "1", url)) {
            Thread.sleep(500);
            assertPlays("kind-http-ts", url);
        }
    }

    @Test
    void httpHls() throws Exception {
        Path hls = Files.createDirectories(tmp.resolve("hls"));
        try (FfmpegSource source = FfmpegSource.start(tmp.resolve("hls.log"), "-f", "hls", "-hls_time", "1",
                "-hls_list_size", "6", "-hls_flags", "delete_segments+omit_endlist+temp_file",
                hls.resolve("live.m3u8").toString());
             StaticFiles server = StaticFiles.serve(hls)) {
            awaitFile(hls.resolve("live.m3u8"));
            assertPlays("kind-http-hls", "http://127.0.0.1:" + server.port() + "/live.m3u8");
        }
    }

    @Test
    void udpMpegTs() throws Exception {
        int port = RtspCamera.freePort();
        try (FfmpegSource source = FfmpegSource.start(tmp.resolve("udp.log"), "-f", "mpegts",
                "udp://127.0.0.1:" + port + "?pkt_size=1316")) {
            assertPlays("kind-udp", "udp://127.0.0.1:" + port);
        }
    }

    /** The gateway's packager (the default): HEVC copied into its fMP4, tagged {@code hvc1}. */
    @Test
    void hevcSourcesAreCopiedIntoFragmentedMp4Segments() throws Exception {
        assertHevcCopied("kind-hevc", null);
    }

    /** A channel set to {@code ts}: FFmpeg's HLS muxer finds HEVC and is restarted writing fMP4 segments. */
    @Test
    void hevcSourcesOfAChannelSetToTsAreCopiedIntoFragmentedMp4Segments() throws Exception {
        assertHevcCopied("kind-hevc-ts", "\"packaging\":\"ts\"");
    }

    private void assertHevcCopied(String nickname, String extraJson) throws Exception {
        int port = RtspCamera.freePort();
        try (FfmpegSource source = FfmpegSource.startHevc(tmp.resolve(nickname + ".log"), "-f", "mpegts",
                "udp://127.0.0.1:" + port + "?pkt_size=1316")) {
            gateway.createChannel(nickname, "udp://127.0.0.1:" + port, extraJson);
            try {
                HttpResponse<String> watch = gateway.get("watch/" + nickname);
                assertEquals(302, watch.statusCode(), watch.body());
                String playlist = gateway.get(URI.create(watch.headers().firstValue("Location").orElseThrow())).body();
                String init = playlist.lines().filter(l -> l.startsWith("#EXT-X-MAP:")).findFirst().orElseThrow()
                        .replaceAll(".*URI=\"([^\"]+)\".*", "$1");
                List<String> fragments = playlist.lines().filter(l -> l.endsWith(".m4s")).toList();
                assertTrue(!fragments.isEmpty(), playlist);
                assertEquals(extraJson == null, playlist.contains("#EXT-X-PART:"), "LL-HLS unless set to ts: " + playlist);

                HttpResponse<byte[]> initSegment = gateway.getBytes("read/" + nickname + "/" + init);
                HttpResponse<byte[]> fragment = gateway.getBytes("read/" + nickname + "/" + fragments.get(fragments.size() - 1));
                assertEquals(200, initSegment.statusCode());
                assertEquals("video/iso.segment", fragment.headers().firstValue("Content-Type").orElse(""));
                // while the channel is watched: ffprobe below may take longer than the idle timeout (3 s) on a busy machine
                assertEquals(1, FfmpegProcesses.forChannel(nickname).size(), "the MPEG-TS attempt is gone");
                HttpResponse<byte[]> preview = gateway.getBytes("read/" + nickname + "/preview.jpg");
                assertEquals(200, preview.statusCode(), "fMP4 channels have previews too");
                assertEquals((byte) 0xFF, preview.body()[0]);
                assertEquals((byte) 0xD8, preview.body()[1]);
                Path joined = tmp.resolve(nickname + ".mp4");
                Files.write(joined, initSegment.body());
                Files.write(joined, fragment.body(), java.nio.file.StandardOpenOption.APPEND);
                List<String> streams = Ffprobe.streams(joined);
                assertTrue(streams.contains("video hevc"), streams.toString());
            } finally {
                gateway.send("DELETE", "api/channels/" + nickname, null);
            }
        }
    }

    @Test
    void anH264ProfileProducesTheRequestedHeight() throws Exception {
        try (RtspCamera camera = RtspCamera.start()) {
            Path segment = assertPlays("kind-profile", camera.url(), "\"video\":\"h264\",\"videoHeight\":240,\"videoBitrate\":400");
            assertEquals(240, Ffprobe.videoHeight(segment), "the camera sends 360 lines; the profile asks for 240");
        }
    }

    private Path assertPlays(String nickname, String url) throws Exception {
        return assertPlays(nickname, url, null);
    }

    private Path assertPlays(String nickname, String url, String extraJson) throws Exception {
        gateway.createChannel(nickname, url, extraJson);
        try {
            HttpResponse<String> watch = gateway.get("watch/" + nickname);
            assertEquals(302, watch.statusCode(), url + ": " + watch.body());
            HttpResponse<String> playlist = gateway.get(URI.create(watch.headers().firstValue("Location").orElseThrow()));
            assertTrue(playlist.body().contains("#EXT-X-PART:"), "LL-HLS, the gateway's default: " + playlist.body());
            List<String> segments = MediaPlaylist.segments(playlist.body());
            assertTrue(!segments.isEmpty(), playlist.body());
            HttpResponse<byte[]> segment = gateway.getBytes("read/" + nickname + "/" + segments.get(segments.size() - 1));
            assertEquals(200, segment.statusCode());
            // the gateway's default is LL-HLS: fMP4 segments, played after their init section; ts ones alone
            Path file = MediaPlaylist.playable(gateway, nickname, playlist.body(), segment, tmp.resolve(nickname + "-segment"));
            List<String> streams = Ffprobe.streams(file);
            assertTrue(streams.contains("video h264"), url + ": " + streams);
            assertTrue(streams.contains("audio aac"), url + ": " + streams);
            return file;
        } finally {
            gateway.send("DELETE", "api/channels/" + nickname, null);
            assertTrue(FfmpegProcesses.awaitNone(nickname, 5_000));
        }
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
    }
}
