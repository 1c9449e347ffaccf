package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.hlsgateway.transcoding.entity.AudioMode;
import org.hlsgateway.transcoding.entity.RtspTransport;
import org.hlsgateway.transcoding.entity.VideoMode;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.transcoding.entity.TranscoderState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts after source failures, stalls, the transcoder limit and live edits: no container, real processes. */
class TranscoderRestartTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final long IDLE_TIMEOUT = 10_000;

    @TempDir
    Path work;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final List<Process> launched = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;
    private ExecutorService stoppers;
    private TranscoderRegistry registry;

    @BeforeEach
    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        stoppers = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() throws Exception {
        if (registry != null) {
            registry.stopAll();
        }
        launched.forEach(Process::destroyForcibly);
        scheduler.shutdownNow();
        stoppers.shutdown();
        assertTrue(stoppers.awaitTermination(20, TimeUnit.SECONDS));
    }

    private TranscoderRegistry registry(int maxTranscoders) {
        registry = new TranscoderRegistry(
                new TranscoderRegistry.Settings(work, 60_000, IDLE_TIMEOUT, 1, 3, maxTranscoders),
                (spec, directory, run, fmp4) -> List.of("sleep", "30"),
                (args, directory) -> {
                    Process p = new ProcessBuilder(args).directory(directory.toFile()).start();
                    launched.add(p);
                    return p;
                }, Thread::new, scheduler, stoppers, null, now::get);
        return registry;
    }

    private static TranscodeSpec spec(String nickname) {
        return new TranscodeSpec(nickname, "rtsp://cam.local/stream", RtspTransport.TCP, AudioMode.AAC, VideoMode.COPY);
    }

    /** Writes FFmpeg's playlist for segments {@code first..last} of the handle's run, the files too. */
    private static void segments(TranscoderHandle handle, int first, int last) throws Exception {
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:" + first + "\n");
        for (int i = first; i <= last; i++) {
            String name = handle.run() + "-" + i + ".ts";
            Files.write(handle.directory().resolve(name), new byte[188]);
            text.append("#EXTINF:1.000000,\n").append(name).append('\n');
        }
        Files.writeString(handle.playlist(), text);
        handle.checkReady();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(10);
        }
    }

    /** A channel that has played, with a viewer who asked for it just now. */
    private TranscoderHandle watchedLive(String nickname) throws Exception {
        TranscoderHandle handle = registry.ensureStarted(spec(nickname));
        registry.touch(nickname, "viewer");
        segments(handle, 0, 2);
        await(() -> registry.playlist(nickname).isPresent());
        return handle;
    }

    @Test
    void aSourceThatFailsWhileWatchedIsRestartedAfterABackOffAndThePlaylistGoesOn() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            registry(10);
            TranscoderHandle first = watchedLive("cam1");

            first.process().destroyForcibly(); // the source fails: FFmpeg exits

            await(() -> registry.status("cam1").state() == TranscoderState.FAILED);
            assertTrue(registry.status("cam1").lastError().contains("restarting in"), registry.status("cam1").lastError());
            StartFailedException busy = assertThrows(StartFailedException.class, () -> registry.ensureStarted(spec("cam1")));
            assertEquals(StartFailedException.Kind.RETRYING, busy.kind());
            assertTrue(busy.retryAfterSeconds() >= 1, "Retry-After for the watch answer");
            assertTrue(registry.playlist("cam1").isPresent(), "pollers keep their window meanwhile");
            assertTrue(Files.exists(first.directory()), "the old segments stay fetchable");

            await(() -> registry.running("cam1").isPresent()); // after the 1 s back-off
            TranscoderHandle second = registry.running("cam1").orElseThrow();
            assertNotSame(first, second);
            segments(second, 0, 1);
            await(() -> registry.playlist("cam1").orElse("").contains(second.run() + "-1.ts"));

            String playlist = registry.playlist("cam1").orElseThrow();
            assertTrue(playlist.contains("#EXT-X-MEDIA-SEQUENCE:2\n"), playlist);
            assertTrue(playlist.contains("#EXT-X-DISCONTINUITY\n#EXTINF:1.000000,\n" + second.run() + "-0.ts"), playlist);
            assertEquals(TranscoderState.LIVE, registry.status("cam1").state());
        });
    }

    @Test
    void anOldRunsSegmentsStayFetchableForAPlaylistDurationAfterTheyLeaveTheWindow() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            registry(10);
            TranscoderHandle first = watchedLive("cam4");
            first.process().destroyForcibly();
            await(() -> registry.running("cam4").isPresent() && registry.running("cam4").get() != first);
            TranscoderHandle second = registry.running("cam4").orElseThrow();
            segments(second, 0, 2); // the window (3 segments) now lists only the second run
            registry.stopIdle();
            await(() -> !registry.playlist("cam4").orElse("").contains(first.run()));

            now.addAndGet(3_999); // RFC 8216 6.2.2: one segment (1 s) plus the playlist (3 s)
            segments(second, 0, 3);
            registry.stopIdle(); // the reaper's tick takes in the playlist (no file watcher here)
            await(() -> registry.playlist("cam4").orElse("").contains(second.run() + "-3.ts"));
            assertTrue(Files.exists(first.directory()), "a player that just read the old window still gets its segments");
            assertTrue(registry.session("cam4").orElseThrow().file(first.run() + "-2.ts").isPresent());

            now.addAndGet(1);
            segments(second, 0, 4);
            registry.stopIdle();
            await(() -> !Files.exists(first.directory()));
            assertTrue(registry.session("cam4").orElseThrow().file(first.run() + "-2.ts").isEmpty());
        });
    }

    @Test
    void aSourceThatFailsWhenNobodyWatchesStaysDownAndLeavesNothing() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            registry(10);
            TranscoderHandle handle = watchedLive("cam1");
            now.addAndGet(IDLE_TIMEOUT); // the viewer left

            handle.process().destroyForcibly();

            await(() -> !Files.exists(handle.directory()));
            Thread.sleep(1500); // longer than the first back-off
            assertTrue(registry.running("cam1").isEmpty(), "no restart without viewers");
            assertTrue(registry.playlist("cam1").isEmpty());
            assertEquals(TranscoderState.FAILED, registry.status("cam1").state());
        });
    }

    @Test
    void forgettingAChannelThatWaitsForARestartEndsTheAttempts() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            registry(10);
            TranscoderHandle handle = watchedLive("cam1");
            handle.process().destroyForcibly();
            await(() -> registry.status("cam1").state() == TranscoderState.FAILED);

            registry.forget("cam1").get(5, TimeUnit.SECONDS);

            await(() -> !Files.exists(handle.directory()));
            Thread.sleep(1500);
            assertTrue(registry.running("cam1").isEmpty(), "no restart after the channel was stopped or deleted");
            assertEquals(TranscoderState.IDLE, registry.status("cam1").state());
        });
    }

    @Test
    void aStalledSourceIsRestarted() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            registry(10);
            TranscoderHandle first = watchedLive("cam1");

            now.addAndGet(3_001); // three 1 s segments and no new one
            registry.touch("cam1", "viewer");
            registry.stopIdle();

            await(() -> !first.process().isAlive());
            assertTrue(registry.status("cam1").lastError().contains("stalled"), registry.status("cam1").lastError());
            await(() -> registry.running("cam1").isPresent());
            assertNotSame(first, registry.running("cam1").orElseThrow());
        });
    }

    @Test
    void aChannelDueBeforeTheNextReaperTickIsStoppedOnTime() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            registry(10);
            TranscoderHandle handle = watchedLive("cam1");
            now.addAndGet(IDLE_TIMEOUT - 300); // due in 300 ms, before the reaper's next call

            assertEquals(0, registry.stopIdle());
            now.addAndGet(300);

            await(() -> registry.running("cam1").isEmpty()); // no second stopIdle() call
            await(() -> !handle.process().isAlive());
        });
    }

    @Test
    void theTranscoderLimitRefusesWithAClearMessage() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            registry(2);
            registry.ensureStarted(spec("cam1"));
            registry.ensureStarted(spec("cam2"));

            StartFailedException refused = assertThrows(StartFailedException.class, () -> registry.ensureStarted(spec("cam3")));

            assertEquals(StartFailedException.Kind.BUSY, refused.kind());
            assertTrue(refused.getMessage().contains("HLS_MAX_TRANSCODERS"), refused.getMessage());
            assertEquals(0, Files.list(work).filter(p -> p.getFileName().toString().startsWith("cam3")).count());

            registry.stop("cam1").get(10, TimeUnit.SECONDS);
            assertTrue(registry.ensureStarted(spec("cam3")).process().isAlive(), "a freed slot can be used");
        });
    }

    @Test
    void editingAWatchedChannelRestartsItAndKeepsThePlaylist() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            registry(10);
            TranscoderHandle first = watchedLive("cam1");
            TranscodeSpec changed = new TranscodeSpec("cam1", "rtsp://cam.local/other", RtspTransport.UDP,
                    AudioMode.AAC, VideoMode.COPY);

            registry.restart(changed);

            TranscoderHandle second = registry.running("cam1").orElseThrow();
            assertNotSame(first, second);
            assertEquals("rtsp://cam.local/other", second.spec().url());
            assertTrue(registry.playlist("cam1").isPresent(), "players keep the window during the restart");
            await(() -> !first.process().isAlive());
            segments(second, 0, 0);
            await(() -> registry.playlist("cam1").orElse("").contains("#EXT-X-DISCONTINUITY"));
            assertEquals(second, second.ready().get(5, TimeUnit.SECONDS));
        });
    }

    @Test
    void editingAChannelNobodyWatchesJustStopsIt() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            registry(10);
            TranscoderHandle first = watchedLive("cam1");
            now.addAndGet(IDLE_TIMEOUT);

            registry.restart(spec("cam1"));

            assertTrue(registry.running("cam1").isEmpty());
            assertFalse(first.process().isAlive());
            assertTrue(registry.playlist("cam1").isEmpty());
        });
    }

    /**
     * An HEVC source found while the first run writes MPEG-TS: the run stops, and FFmpeg flushes one
     * last .ts segment as it goes (a UDP input waits for that, since the port is the old run's). A
     * player waiting meanwhile, with the reaper and pollers checking, must get the fMP4 run's
     * playlist, never the stopping run's MPEG-TS one (InputKindsIT saw that once under load).
     */
    @Test
    void aWaitingPlayerOfAnHevcSourceGetsTheFmp4RunNeverTheStoppingMpegTsRun() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            String tsRun = "echo \"Input #0, mpegts, from 'udp://127.0.0.1:5000':\" >&2;"
                    + " echo \"  Stream #0:0[0x100]: Video: hevc (Main), yuv420p(tv), 1280x720, 25 fps\" >&2;"
                    + " trap 'head -c 188 /dev/zero > \"$0-0.ts\";"
                    + " printf \"#EXTM3U\\n#EXT-X-TARGETDURATION:1\\n#EXTINF:1.0,\\n$0-0.ts\\n\" > index.m3u8;"
                    + " sleep 0.5; exit 0' TERM;"
                    + " echo \"Output #0, hls, to 'index.m3u8':\" >&2; while :; do sleep 0.05; done";
            registry = new TranscoderRegistry(
                    new TranscoderRegistry.Settings(work, 60_000, IDLE_TIMEOUT, 1, 3, 10),
                    (spec, directory, run, fmp4) -> fmp4 ? List.of("sleep", "30") : List.of("sh", "-c", tsRun, run),
                    (args, directory) -> {
                        Process p = new ProcessBuilder(args).directory(directory.toFile()).start();
                        launched.add(p);
                        return p;
                    }, Thread::new, scheduler, stoppers, null, now::get);
            TranscodeSpec udp = new TranscodeSpec("hevc1", "udp://127.0.0.1:5000", RtspTransport.TCP,
                    AudioMode.AAC, VideoMode.COPY);
            TranscoderHandle first = registry.ensureStarted(udp);
            registry.touch("hevc1", "viewer");
            assertFalse(first.fmp4());

            while (registry.startCount() < 2) { // the reaper and a polling player, while the TS run stops
                registry.stopIdle();
                registry.playlist("hevc1");
                Thread.sleep(5);
            }
            await(() -> registry.running("hevc1").map(TranscoderHandle::fmp4).orElse(false));
            TranscoderHandle second = registry.running("hevc1").orElseThrow();
            Files.write(second.directory().resolve(second.run() + "-init.mp4"), new byte[8]);
            Files.write(second.directory().resolve(second.run() + "-0.m4s"), new byte[8]);
            Files.writeString(second.playlist(), "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:1\n"
                    + "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI=\"" + second.run() + "-init.mp4\"\n"
                    + "#EXTINF:1.0,\n" + second.run() + "-0.m4s\n");
            second.checkReady();

            assertTrue(Files.exists(first.directory().resolve(first.run() + "-0.ts")) || !Files.exists(first.directory()),
                    "the stopping run flushed its segment (or is already deleted)");
            assertSame(second, first.ready().get(5, TimeUnit.SECONDS), "the waiter is handed to the fMP4 run");
            String playlist = registry.playlist("hevc1").orElseThrow();
            assertTrue(playlist.contains("#EXT-X-MAP:"), playlist);
            assertFalse(playlist.contains(".ts"), playlist);
        });
    }
}
