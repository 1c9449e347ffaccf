package org.hlsgateway.transcoding.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.hlsgateway.testsupport.FfmpegProcesses;
import org.hlsgateway.testsupport.FfmpegSource;
import org.hlsgateway.testsupport.Ffprobe;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.MediaPlaylist;
import org.hlsgateway.testsupport.MicroServer;
import org.hlsgateway.testsupport.RtspCamera;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway on a machine without a working FFmpeg: {@code ffmpeg} and {@code ffprobe} on
 * {@code PATH} fail, {@code FFMPEG_PATH} is unset, and only the statically linked FFmpeg that the
 * build fetched ({@code target/ffmpeg/ffmpeg}, given as {@code HLS_BUNDLED_FFMPEG} as the run
 * command does) is there. Copy and H.264 channels play, probe and preview work. One Payara Micro
 * of its own for all tests (Arquillian's has the system FFmpeg).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BareMachineFfmpegIT {

    /** Libraries of the C library itself, which every Linux machine has. */
    private static final Set<String> C_LIBRARY = Set.of("libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2",
            "librt.so.1", "ld-linux-x86-64.so.2", "linux-vdso.so.1");

    private final Path bundled = Path.of(System.getProperty("hls.bundled.ffmpeg", "target/ffmpeg/ffmpeg")).toAbsolutePath();
    private Path tmp;
    private RtspCamera camera;
    private MicroServer server;
    private Gateway gateway;

    @BeforeAll
    void startOnABareMachine() throws Exception {
        assertTrue(Files.isExecutable(bundled), "mvn package leaves the fetched FFmpeg at " + bundled);
        tmp = Files.createDirectories(Path.of(System.getProperty("hls.test.dir", "target/it"), "bare-machine")
                .toAbsolutePath());
        Path brokenBin = Files.createDirectories(tmp.resolve("broken-bin"));
        for (String tool : List.of("ffmpeg", "ffprobe")) {
            Path script = brokenBin.resolve(tool);
            Files.writeString(script, "#!/bin/sh\necho \"" + tool + ": error while loading shared libraries: libpulse.so.0\" >&2\nexit 1\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Map<String, String> env = new HashMap<>();
        // the broken tools first, then this machine's PATH without the directories that hold a working FFmpeg
        String rest = Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank() && !Files.exists(Path.of(dir, "ffmpeg")) && !Files.exists(Path.of(dir, "ffprobe")))
                .collect(Collectors.joining(File.pathSeparator));
        env.put("PATH", brokenBin + File.pathSeparator + rest);
        env.put("FFMPEG_PATH", null);
        env.put("HLS_BUNDLED_FFMPEG", bundled.toString());
        camera = RtspCamera.start();
        server = MicroServer.start(tmp.resolve("data-" + System.currentTimeMillis()), tmp.resolve("work"), env);
        gateway = new Gateway(server.deployment());
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (camera != null) {
            camera.close();
        }
    }

    @Test
    void theFetchedFfmpegNeedsNoLibraryButTheCLibrarys() throws Exception {
        Process ldd = new ProcessBuilder("ldd", bundled.toString()).redirectErrorStream(true).start();
        String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ldd.waitFor(30, TimeUnit.SECONDS));
        if (out.contains("not a dynamic executable") || out.contains("statically linked")) {
            return;
        }
        for (String line : out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String library = line.split("\\s+")[0];
            String name = Path.of(library).getFileName().toString();
            boolean own = line.contains(bundled.getParent().toString());
            assertTrue(C_LIBRARY.contains(name) || own, "needs " + line + " from the system:\n" + out);
        }
    }

    @Test
    void theLogNamesTheBundledFfmpegAndWhyTheOthersWereSkipped() throws Exception {
        String log = Files.readString(server.log());
        assertTrue(log.contains("HLS Gateway uses FFmpeg 4.4.1 at " + bundled + " (found by bundled (HLS_BUNDLED_FFMPEG)"),
                "the log names the FFmpeg in use, its version and where it came from; see " + server.log());
        assertTrue(log.contains(tmp.resolve("broken-bin/ffmpeg") + ": -version exited 1"), "the broken ffmpeg on PATH was tried");
        assertTrue(log.contains("crashes when it looks up a host name"), "the static build is recognised as one");
        JsonObject ready = Gateway.json(gateway.get(server.root().resolve("health/ready")).body());
        assertTrue(ready.toString().matches(".*\"ffmpeg\":\"?true.*"), "ready with the bundled FFmpeg: " + ready);
    }

    @Test
    void aCopyChannelPlaysFromACameraNamedByHostName() throws Exception {
        // the static build cannot resolve names itself: the gateway resolves "localhost" for it
        String byName = camera.url().replace("127.0.0.1", "localhost");
        Path segment = assertPlays("bare-copy", byName, null);
        assertTrue(Ffprobe.streams(segment).contains("video h264"));
    }

    /** FFmpeg's own HLS muxer (MPEG-TS) in the bundled build, for a channel set to {@code ts}. */
    @Test
    void aCopyChannelSetToTsPlaysMpegTsSegments() throws Exception {
        Path segment = assertPlays("bare-ts", camera.url(), "\"packaging\":\"ts\"");
        assertEquals(0x47, Files.readAllBytes(segment)[0] & 0xff, "an MPEG-TS packet starts with its sync byte");
    }

    @Test
    void anH264ProfileChannelPlays() throws Exception {
        Path segment = assertPlays("bare-h264", camera.url(), "\"video\":\"h264\",\"videoHeight\":240");
        assertEquals(240, Ffprobe.videoHeight(segment), "encoded by the bundled FFmpeg's libx264: the camera sends 360 lines");
    }

    @Test
    void anMpegTsSourcePlays() throws Exception {
        // MPEG-TS names its service in ISO 6937: without the gateway's guard the static build
        // loads the system's iconv module for it and crashes
        int port = RtspCamera.freePort();
        try (FfmpegSource source = FfmpegSource.start(tmp.resolve("udp.log"), "-f", "mpegts",
                "udp://127.0.0.1:" + port + "?pkt_size=1316")) {
            assertPlays("bare-udp", "udp://127.0.0.1:" + port, null);
        }
    }

    @Test
    void aProbeConnectsWithTheBundledFfmpeg() throws Exception {
        gateway.createChannel("bare-probe", camera.url().replace("127.0.0.1", "localhost"), null);
        try {
            JsonObject probe = Gateway.json(gateway.send("POST", "api/channels/bare-probe/probe", null).body());

            assertTrue(probe.getBoolean("reachable"), probe.toString());
            assertTrue(probe.getString("summary").startsWith("h264 640x360"), probe.toString());
        } finally {
            gateway.send("DELETE", "api/channels/bare-probe", null);
        }
    }

    @Test
    void aPreviewIsTakenWithTheBundledFfmpeg() throws Exception {
        gateway.createChannel("bare-preview", camera.url(), null);
        try {
            assertEquals(302, gateway.get("watch/bare-preview").statusCode());

            HttpResponse<byte[]> preview = gateway.getBytes("read/bare-preview/preview.jpg");

            assertEquals(200, preview.statusCode());
            assertEquals((byte) 0xFF, preview.body()[0]);
            assertEquals((byte) 0xD8, preview.body()[1]);
        } finally {
            gateway.send("DELETE", "api/channels/bare-preview", null);
        }
    }

    private Path assertPlays(String nickname, String url, String extraJson) throws Exception {
        gateway.createChannel(nickname, url, extraJson);
        try {
            HttpResponse<String> watch = gateway.get("watch/" + nickname);
            assertEquals(302, watch.statusCode(), url + ": " + watch.body());
            List<ProcessHandle> ffmpegs = FfmpegProcesses.forChannel(nickname);
            assertEquals(1, ffmpegs.size());
            assertEquals(bundled.toString(), ffmpegs.get(0).info().command().orElse(""), "the bundled FFmpeg runs the channel");
            assertTrue(FfmpegProcesses.alive(ffmpegs.get(0).pid()));
            String playlist = gateway.get(URI.create(watch.headers().firstValue("Location").orElseThrow())).body();
            boolean ts = extraJson != null && extraJson.contains("\"packaging\":\"ts\"");
            // the gateway's default is LL-HLS from its packager, fed by the bundled FFmpeg's fMP4
            assertEquals(!ts, playlist.contains("#EXT-X-PART:"), playlist);
            List<String> segments = MediaPlaylist.segments(playlist);
            assertFalse(segments.isEmpty(), playlist);
            assertTrue(segments.stream().allMatch(name -> name.endsWith(ts ? ".ts" : ".m4s")), playlist);
            HttpResponse<byte[]> segment = gateway.getBytes("read/" + nickname + "/" + segments.get(segments.size() - 1));
            assertEquals(200, segment.statusCode());
            Path file = MediaPlaylist.playable(gateway, nickname, playlist, segment, tmp.resolve(nickname + "-segment"));
            List<String> streams = Ffprobe.streams(file);
            assertTrue(streams.contains("video h264") && streams.contains("audio aac"), url + ": " + streams);
            return file;
        } finally {
            gateway.send("DELETE", "api/channels/" + nickname, null);
            assertTrue(FfmpegProcesses.awaitNone(nickname, 5_000));
        }
    }
}
