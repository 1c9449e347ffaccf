package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched channel whose camera went away: FFmpeg starts follow the back-off while the camera's port
 * refuses, and the restart comes as soon as it accepts again. No container; "sleep" stands in for FFmpeg,
 * a server socket on the loopback interface for the camera.
 */
class LiveChannelReturnTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(40);

    @TempDir
    Path work;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final List<Process> launched = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;
    private ExecutorService stoppers;
    private TranscoderRegistry registry;

    @BeforeEach
    void start() {
        scheduler = Executors.newScheduledThreadPool(2);
        stoppers = Executors.newCachedThreadPool();
        registry = new TranscoderRegistry(new TranscoderRegistry.Settings(work, 60_000, 60_000, 1, 3, 10),
                (spec, directory, run, fmp4) -> List.of("sleep", "30"),
                (args, directory) -> {
                    Process p = new ProcessBuilder(args).directory(directory.toFile()).start();
                    launched.add(p);
                    return p;
                }, Thread::new, scheduler, stoppers, null, now::get);
        registry.knockAtSources();
    }

    @AfterEach
    void stop() throws Exception {
        registry.stopAll();
        launched.forEach(Process::destroyForcibly);
        scheduler.shutdownNow();
        stoppers.shutdown();
        assertTrue(stoppers.awaitTermination(20, TimeUnit.SECONDS));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(10);
        }
    }

    private TranscoderHandle running(TranscoderHandle not) throws InterruptedException {
        await(() -> registry.running("cam").filter(h -> h != not).isPresent());
        return registry.running("cam").orElseThrow();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } // nobody listens there now: the camera is away
    }

    /** A channel on {@code port} that played, then two failed restarts: the next one waits 4 s. */
    private TranscoderHandle playedThenFailingTwice(int port) throws Exception {
        TranscodeSpec spec = new TranscodeSpec("cam", "rtsp://127.0.0.1:" + port + "/stream",
                RtspTransport.TCP, AudioMode.AAC, VideoMode.COPY);
        TranscoderHandle first = registry.ensureStarted(spec);
        registry.touch("cam", "viewer");
        Files.writeString(first.playlist(), "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.000000,\n"
                + first.run() + "-0.ts\n");
        Files.write(first.directory().resolve(first.run() + "-0.ts"), new byte[188]);
        first.checkReady();
        await(() -> registry.playlist("cam").isPresent());
        first.process().destroyForcibly(); // the camera went away: restarts after 1 s, then 2 s
        TranscoderHandle second = running(first);
        second.process().destroyForcibly();
        return running(second);
    }

    @Test
    void aCameraBackWhileAnAttemptFailsIsRestartedAtTheFirstKnockNotAfterTheDelay() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int port = closedPort();
            TranscoderHandle third = playedThenFailingTwice(port);
            try (ServerSocket camera = new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
                long back = System.nanoTime();
                third.process().destroyForcibly(); // the attempt under way fails, though the camera is back now
                running(third);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
                assertTrue(millis < 2_000, "restarted " + millis + " ms after the camera was back, not after the 4 s delay");
            }
        });
    }

    @Test
    void aWatchedCameraThatIsBackRestartsAtOnceAndADeadOneOnlyPerBackoffDelay() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int port = closedPort();
            TranscoderHandle third = playedThenFailingTwice(port);
            third.process().destroyForcibly(); // the next restart waits 4 s
            await(() -> registry.running("cam").isEmpty());
            long starts = registry.startCount();
            Thread.sleep(1_500);
            assertEquals(starts, registry.startCount(), "no FFmpeg start while the camera's port refuses");

            long back = System.nanoTime();
            try (ServerSocket camera = new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
                running(third);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
                assertTrue(millis < 2_000, "restarted " + millis + " ms after the camera was back, not after the 4 s delay");
                assertEquals(starts + 1, registry.startCount());
            }
        });
    }
}
