package org.hlsgateway.transcoding.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.hlsgateway.testsupport.ConsoleSession;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.FfmpegProcesses;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.Metrics;
import org.hlsgateway.testsupport.PollingViewer;
import org.hlsgateway.testsupport.RtspCamera;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sources that fail while people watch: the camera goes away and comes back, FFmpeg is killed,
 * a camera accepts connections and sends nothing. Real camera, real FFmpeg, real server
 * (idle timeout 3 s, start timeout 15 s, 1 s segments).
 */
class SourceFailureIT extends DeployedGateway {

    private static final Path WORK = Path.of(System.getProperty("hls.test.dir", "target/it")).resolve("work");

    final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** Watches the most FFmpeg processes the channel ever has at once, sampled every 50 ms. */
    private AtomicInteger maxProcesses(String nickname) {
        AtomicInteger max = new AtomicInteger();
        AtomicBoolean on = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (on.get()) {
                max.accumulateAndGet(FfmpegProcesses.forChannel(nickname).size(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        closing.add(() -> on.set(false));
        return max;
    }

    private static void await(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private JsonObject status(String nickname) {
        try {
            return gateway.channel(nickname);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The most segment files a channel may keep (HLS_PLAYLIST_SIZE 6): the listed ones, those that left
     * the list within a playlist duration plus a segment (RFC 8216, 6.2.2), and the one being written.
     */
    private static final int WINDOW_FILES = 6 + 7 + 1;

    private static long runDirectories(String nickname) throws IOException {
        try (Stream<Path> dirs = Files.list(WORK)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(nickname + "-")).count();
        }
    }

    private static long segmentFiles(String nickname) throws IOException {
        if (!Files.isDirectory(WORK)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(WORK)) {
            return files.filter(p -> p.getParent().getFileName().toString().startsWith(nickname + "-"))
                    .filter(p -> p.toString().endsWith(".ts")).count();
        }
    }

    @Test
    void theCameraGoesAwayAndComesBackAndPlaybackResumesWithoutAReload() throws Exception {
        RtspCamera camera = RtspCamera.start();
        int port = camera.port();
        gateway.createChannel("fault-cam", camera.url(), null);
        AtomicInteger maxFfmpeg = maxProcesses("fault-cam");
        try {
            assertEquals(302, gateway.get("watch/fault-cam").statusCode());
            PollingViewer viewer = new PollingViewer(gateway, "fault-cam", 500);
            closing.add(viewer);
            await("a few segments", 20_000, () -> viewer.segmentsSeen() >= 3);

            camera.close(); // the camera reboots

            await("the channel to show FAILED with a reason", 20_000,
                    () -> "FAILED".equals(status("fault-cam").getString("state")));
            String reason = status("fault-cam").getString("lastError", "");
            assertTrue(reason.contains("restarting in"), reason);
            HttpResponse<String> watch = awaitRetryAnswer("fault-cam");
            assertEquals(503, watch.statusCode(), watch.body());
            assertTrue(watch.headers().firstValue("Retry-After").isPresent(), "Retry-After tells players when");
            assertTrue(Gateway.json(watch.body()).getString("message").contains("restarts the source"), watch.body());
            assertTrue(segmentFiles("fault-cam") <= WINDOW_FILES, "disk stays within the playlist window and its retention");

            int before = viewer.segmentsSeen();
            camera = RtspCamera.startOn(port);
            closing.add(camera);
            await("new segments after the camera is back", 45_000, () -> viewer.segmentsSeen() >= before + 3);

            assertEquals(List.of(), viewer.conflicts(), "a sequence number never names two segments");
            assertEquals(List.of(), viewer.gaps(), "the media sequence stays continuous");
            assertTrue(viewer.discontinuities() >= 1, "the break is marked with EXT-X-DISCONTINUITY");
            assertFalse(viewer.statuses().contains(404), "the playlist never disappeared: " + viewer.statuses());
            assertEquals("LIVE", status("fault-cam").getString("state"));
            assertEquals(1, maxFfmpeg.get(), "never more than one FFmpeg for the channel");
            await("the old run's directory to go once its segments leave the window and their retention", 40_000, () -> {
                try {
                    return runDirectories("fault-cam") == 1 && segmentFiles("fault-cam") <= WINDOW_FILES;
                } catch (IOException e) {
                    return false;
                }
            });
        } finally {
            camera.close();
            gateway.send("DELETE", "api/channels/fault-cam", null);
        }
    }

    /**
     * Issue #14's recovery figure: the camera is stopped for 8 s while a player polls; printed is how long
     * after the camera's return the player's playlist lists a new segment (goal 2 s, asserted loosely).
     */
    @Test
    void aCameraBackAfterAnEightSecondOutageIsLiveAgainSoonWhileAPlayerPolls() throws Exception {
        RtspCamera camera = RtspCamera.start();
        int port = camera.port();
        gateway.createChannel("fault-back", camera.url(), null);
        try {
            assertEquals(302, gateway.get("watch/fault-back").statusCode());
            PollingViewer viewer = new PollingViewer(gateway, "fault-back", 250);
            closing.add(viewer);
            await("a few segments", 20_000, () -> viewer.segmentsSeen() >= 3);

            camera.close();
            long stoppedAt = System.currentTimeMillis();
            Thread.sleep(8_000);
            int before = viewer.segmentsSeen();
            camera = RtspCamera.startOn(port);
            closing.add(camera);
            long backAt = System.currentTimeMillis();
            await("a new segment after the camera is back", 45_000, () -> viewer.segmentsSeen() > before);
            long millis = System.currentTimeMillis() - backAt;
            System.out.printf("RECOVERY outage %.1f s, live again %.1f s after the camera's return%n",
                    (backAt - stoppedAt) / 1000.0, millis / 1000.0);
            assertTrue(millis < 5_000, "live again " + millis + " ms after the camera's return");
        } finally {
            camera.close();
            gateway.send("DELETE", "api/channels/fault-back", null);
        }
    }

    /** Watch answers 503 while the gateway waits to restart; a request during an attempt may see that attempt fail. */
    private HttpResponse<String> awaitRetryAnswer(String nickname) throws Exception {
        long end = System.currentTimeMillis() + 20_000;
        HttpResponse<String> watch;
        do {
            watch = gateway.get("watch/" + nickname);
        } while (watch.statusCode() != 503 && System.currentTimeMillis() < end);
        return watch;
    }

    @Test
    void aKilledFfmpegIsRestartedWhileViewersRemainAndNotOnceTheyLeave() throws Exception {
        try (RtspCamera camera = RtspCamera.start()) {
            gateway.createChannel("fault-kill", camera.url(), null);
            AtomicInteger maxFfmpeg = maxProcesses("fault-kill");
            try {
                assertEquals(302, gateway.get("watch/fault-kill").statusCode());
                PollingViewer viewer = new PollingViewer(gateway, "fault-kill", 500);
                await("segments", 20_000, () -> viewer.segmentsSeen() >= 2);
                long first = FfmpegProcesses.forChannel("fault-kill").get(0).pid();

                ProcessHandle.of(first).orElseThrow().destroyForcibly(); // SIGKILL

                await("a new FFmpeg", 20_000, () -> FfmpegProcesses.forChannel("fault-kill").stream()
                        .anyMatch(p -> p.pid() != first));
                int before = viewer.segmentsSeen();
                await("segments from the new FFmpeg", 20_000, () -> viewer.segmentsSeen() >= before + 2);
                assertEquals(List.of(), viewer.gaps());
                assertEquals(List.of(), viewer.conflicts());
                assertEquals(1, maxFfmpeg.get(), "never two at once");

                viewer.close(); // the viewer leaves
                long second = FfmpegProcesses.forChannel("fault-kill").get(0).pid();
                Thread.sleep(3_500); // past the idle timeout
                FfmpegProcesses.forChannel("fault-kill").forEach(ProcessHandle::destroyForcibly);

                assertTrue(FfmpegProcesses.awaitNone("fault-kill", 10_000), "stopped or killed, and gone");
                Thread.sleep(3_000); // longer than the first back-off delays
                assertEquals(List.of(), FfmpegProcesses.forChannel("fault-kill"), "no restart without viewers");
                assertTrue(camera.awaitNoClients(java.time.Duration.ofSeconds(5)));
                assertNotEquals(first, second);
            } finally {
                gateway.send("DELETE", "api/channels/fault-kill", null);
            }
        }
    }

    @Test
    void editingALiveChannelRestartsItWithTheNewSettingsAndItsViewersKeepPlaying() throws Exception {
        try (RtspCamera camera = RtspCamera.start()) {
            gateway.createChannel("fault-edit", camera.url(), null);
            AtomicInteger maxFfmpeg = maxProcesses("fault-edit");
            try {
                assertEquals(302, gateway.get("watch/fault-edit").statusCode());
                PollingViewer viewer = new PollingViewer(gateway, "fault-edit", 500);
                closing.add(viewer);
                await("segments", 20_000, () -> viewer.segmentsSeen() >= 2);
                long before = FfmpegProcesses.forChannel("fault-edit").get(0).pid();

                HttpResponse<String> edit = gateway.send("PUT", "api/channels/fault-edit", "{\"nickname\":\"fault-edit\","
                        + "\"url\":\"" + camera.url() + "\",\"public\":true,\"rtspTransport\":\"udp\"}");
                assertEquals(200, edit.statusCode(), edit.body());

                await("a new FFmpeg with the new transport", 20_000, () -> FfmpegProcesses.forChannel("fault-edit").stream()
                        .anyMatch(p -> p.pid() != before && p.info().arguments().map(a -> String.join(" ", a)
                                .contains("-rtsp_transport udp")).orElse(false)));
                int seen = viewer.segmentsSeen();
                await("segments from the new FFmpeg", 20_000, () -> viewer.segmentsSeen() >= seen + 2);
                assertEquals(List.of(), viewer.gaps(), "the viewer's sequence goes on");
                assertEquals(List.of(), viewer.conflicts());
                assertTrue(viewer.discontinuities() >= 1);
                assertTrue(viewer.statuses().stream().allMatch(s -> s == 200), "no failed poll: " + viewer.statuses());
                assertTrue(maxFfmpeg.get() <= 2, "old and new overlap for one start at most");
            } finally {
                gateway.send("DELETE", "api/channels/fault-edit", null);
            }
        }
    }

    @Test
    void aCameraThatAcceptsAndSendsNothingTimesOutWithAClearMessageAndLeavesNothing() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accept, read nothing, answer nothing
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            gateway.createChannel("fault-silent", "rtsp://127.0.0.1:" + silent.getLocalPort() + "/cam", null);
            try {
                HttpResponse<String> watch = gateway.get("watch/fault-silent");

                assertTrue(watch.statusCode() == 502 || watch.statusCode() == 504, watch.statusCode() + " " + watch.body());
                String message = Gateway.json(watch.body()).getString("message");
                assertTrue(message.contains("sent no usable stream") || message.contains("no segment within"), message);
                assertFalse(accepted.isEmpty(), "FFmpeg did connect");
                assertTrue(FfmpegProcesses.awaitNone("fault-silent", 10_000), "no FFmpeg left");
                await("no directory left", 10_000, () -> {
                    try (Stream<Path> dirs = Files.list(WORK)) {
                        return dirs.noneMatch(d -> d.getFileName().toString().startsWith("fault-silent-"));
                    } catch (IOException e) {
                        return false;
                    }
                });
                assertEquals("FAILED", status("fault-silent").getString("state"));
            } finally {
                gateway.send("DELETE", "api/channels/fault-silent", null);
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    /** While a failed start waits out its delay, viewers get the remembered reason, but a logged-in admin's watch tries at once. */
    @Test
    void anAdminsWatchTriesADeadSourceAtOnceDespiteTheBackoff() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway.createChannel("fault-admin", "rtsp://127.0.0.1:" + closedPort + "/dead", null);
        try {
            ConsoleSession session = ConsoleSession.logIn(gateway.uri(""), "admin", Gateway.ADMIN_PASSWORD);
            Gateway anonymous = gateway.anonymous();
            double before = Metrics.value(gateway, "hls_transcoder_starts_total");
            long end = System.currentTimeMillis() + 20_000;
            while (Metrics.value(gateway, "hls_transcoder_starts_total") - before < 3 && System.currentTimeMillis() < end) {
                anonymous.get("watch/fault-admin"); // three failed starts: the next one waits 4 s
                Thread.sleep(200);
            }
            HttpResponse<String> waiting = anonymous.get("watch/fault-admin");
            double afterViewers = Metrics.value(gateway, "hls_transcoder_starts_total");

            HttpResponse<String> admin = session.get("watch/fault-admin"); // a logged-in admin (the console's session)
            double afterAdmin = Metrics.value(gateway, "hls_transcoder_starts_total");

            assertEquals(3, afterViewers - before, "viewers' starts, one per back-off delay");
            assertEquals(503, waiting.statusCode(), "a viewer waits out the delay: " + waiting.body());
            assertEquals(502, admin.statusCode(), "the admin's watch tried the source: " + admin.body());
            assertTrue(Gateway.json(admin.body()).getString("message").contains("Connection refused"), admin.body());
            assertEquals(1, afterAdmin - afterViewers, "one more start, at once");
            assertEquals(503, anonymous.get("watch/fault-admin").statusCode(), "viewers wait again after the admin's failed try");
        } finally {
            gateway.send("DELETE", "api/channels/fault-admin", null);
        }
    }

    /**
     * Twenty players retrying a camera that refuses connections every 250 ms for 30 s: one start per
     * back-off delay (1 s, doubling), each answer carries the reason, and the waits carry Retry-After.
     */
    @Test
    void twentyPlayersOnADeadSourceStartFfmpegOncePerBackoffDelay() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway.createChannel("fault-dead", "rtsp://127.0.0.1:" + closedPort + "/dead", null);
        try {
            double startsBefore = Metrics.value(gateway, "hls_transcoder_starts_total");
            Gateway anonymous = gateway.anonymous(); // a logged-in admin's watch would try at once: players are anonymous
            long end = System.currentTimeMillis() + 30_000;
            List<HttpResponse<String>> answers = new CopyOnWriteArrayList<>();
            List<Thread> players = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Thread player = new Thread(() -> {
                    while (System.currentTimeMillis() < end) {
                        try {
                            answers.add(anonymous.get("watch/fault-dead"));
                            Thread.sleep(250);
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
                player.start();
                players.add(player);
            }
            for (Thread player : players) {
                player.join(60_000);
            }
            double starts = Metrics.value(gateway, "hls_transcoder_starts_total") - startsBefore;

            System.out.println("dead source, 20 players for 30 s: " + answers.size() + " answers, FFmpeg starts: " + (long) starts);
            assertTrue(starts >= 3 && starts <= 5, "one start per delay (1, 2, 4, 8, 16 s), not one per request: " + starts);
            assertTrue(answers.size() > 500, "the players were answered fast: " + answers.size());
            for (HttpResponse<String> answer : answers) {
                assertTrue(answer.statusCode() == 502 || answer.statusCode() == 503, answer.statusCode() + " " + answer.body());
                assertTrue(Gateway.json(answer.body()).getString("message").contains("Connection refused"), answer.body());
                if (answer.statusCode() == 503) {
                    long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElse("0"));
                    assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After within the back-off: " + retryAfter);
                }
            }
            assertTrue(answers.stream().filter(a -> a.statusCode() == 503).count() > answers.size() / 2,
                    "most answers are the remembered failure");
            assertTrue(FfmpegProcesses.awaitNone("fault-dead", 10_000));
        } finally {
            gateway.send("DELETE", "api/channels/fault-dead", null);
        }
    }
}
