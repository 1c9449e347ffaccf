package org.hlsgateway.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.hlsgateway.testsupport.FfmpegProcesses;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.MicroServer;
import org.hlsgateway.testsupport.RtspCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server is killed with SIGKILL while channels are live and an import runs, then started
 * again on the same data: the channels are intact, the import is all or nothing, no FFmpeg from
 * before survives and no stale directory is left. Runs its own Payara Micro (Arquillian's must
 * live on), on H2 like the run command.
 */
class ServerCrashIT {

    @TempDir
    Path tmp;

    @Test
    void afterSigkillNothingIsLostAndNothingIsLeftBehind() throws Exception {
        Path data = tmp.resolve("data");
        Path work = tmp.resolve("work");
        Map<String, String> env = Map.of("HLS_IDLE_TIMEOUT", "30", "HLS_MAX_TRANSCODERS", "3");
        try (RtspCamera camera = RtspCamera.start()) {
            MicroServer first = MicroServer.start(data, work, env);
            List<Long> ffmpegs;
            try {
                Gateway gateway = new Gateway(first.deployment());
                for (int i = 1; i <= 3; i++) {
                    gateway.createChannel("crash" + i, camera.url(), null);
                    assertEquals(302, gateway.get("watch/crash" + i).statusCode());
                }
                gateway.createChannel("crash4", camera.url(), null);
                HttpResponse<String> busy = gateway.get("watch/crash4");
                assertEquals(503, busy.statusCode(), "HLS_MAX_TRANSCODERS=3: " + busy.body());
                assertTrue(busy.body().contains("HLS_MAX_TRANSCODERS"), busy.body());
                ffmpegs = Stream.of("crash1", "crash2", "crash3")
                        .flatMap(n -> FfmpegProcesses.forChannel(n).stream()).map(ProcessHandle::pid).toList();
                assertEquals(3, ffmpegs.size(), "three live channels");

                StringBuilder csv = new StringBuilder("nickname,url\n");
                for (int i = 0; i < 30_000; i++) {
                    csv.append("bulk").append(i).append(",rtsp://127.0.0.1:9/c").append(i).append('\n');
                }
                CompletableFuture<HttpResponse<String>> importing = CompletableFuture.supplyAsync(() -> {
                    try {
                        return gateway.sendRaw("POST", "api/channels/import?format=csv", "text/csv", csv.toString());
                    } catch (Exception e) {
                        return null; // the server dies under it
                    }
                });
                Thread.sleep(1_500);
                first.kill();
                importing.join();
            } finally {
                first.close();
            }

            long deadline = System.currentTimeMillis() + 5_000;
            while (ffmpegs.stream().anyMatch(FfmpegProcesses::alive) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(List.of(), ffmpegs.stream().filter(FfmpegProcesses::alive).toList(),
                    "no FFmpeg outlives the killed server by more than 5 s");

            MicroServer second = MicroServer.start(data, work, env);
            List<ProcessHandle> live;
            try {
                Gateway gateway = new Gateway(second.deployment());
                int channels = Integer.parseInt(gateway.get("api/channels?limit=1").headers().firstValue("X-Total-Count").orElseThrow());
                assertTrue(channels == 4 || channels == 30_004, "the import is all or nothing, found " + channels);
                for (int i = 1; i <= 4; i++) {
                    assertEquals(200, gateway.get("api/channels/crash" + i).statusCode(), "H2 reopened with every channel");
                }
                try (Stream<Path> left = Files.list(work)) {
                    assertEquals(List.of(), left.filter(Files::isDirectory).toList(), "no stale segment directories");
                }
                assertEquals(302, gateway.get("watch/crash1").statusCode(), "and it plays again");
                live = FfmpegProcesses.forChannel("crash1");
                assertEquals(1, live.size());
            } finally {
                second.close(); // a normal shutdown (SIGTERM)
            }
            assertTrue(live.stream().noneMatch(ProcessHandle::isAlive), "a normal shutdown stops and reaps every FFmpeg");
        }
    }
}
