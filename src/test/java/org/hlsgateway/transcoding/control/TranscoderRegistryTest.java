package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.hlsgateway.transcoding.entity.AudioMode;
import org.hlsgateway.transcoding.entity.RtspTransport;
import org.hlsgateway.transcoding.entity.VideoMode;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.transcoding.entity.TranscoderState;
import org.hlsgateway.transcoding.entity.TranscoderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscoderRegistryTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final long LONG_START_TIMEOUT = 60_000;
    private static final long IDLE_TIMEOUT = 10_000;
    private static final List<String> SLEEP = List.of("sleep", "30");
    private static final List<String> FAILS_AT_ONCE = List.of("sh", "-c", "echo '[error] boom' >&2; exit 1");

    @TempDir
    Path work;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final AtomicInteger launches = new AtomicInteger();
    private final List<Process> launched = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;
    private ExecutorService stoppers;
    private RunOutput watcher;
    private TranscoderRegistry registry;

    @BeforeEach
    void executors() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        stoppers = Executors.newCachedThreadPool();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (registry != null) {
            registry.stopAll();
        }
        launched.forEach(Process::destroyForcibly);
        scheduler.shutdownNow();
        stoppers.shutdown();
        assertTrue(stoppers.awaitTermination(20, TimeUnit.SECONDS), "stoppers did not finish");
        if (watcher != null) {
            watcher.close();
        }
    }

    private TranscoderRegistry registry(long startTimeoutMillis, List<String> command) {
        TranscoderRegistry.Launcher launcher = (args, directory) -> {
            launches.incrementAndGet();
            Process process = new ProcessBuilder(args).directory(directory.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            launched.add(process);
            return process;
        };
        return registry(startTimeoutMillis, command, launcher);
    }

    private TranscoderRegistry registry(long startTimeoutMillis, List<String> command, TranscoderRegistry.Launcher launcher) {
        registry = new TranscoderRegistry(
                settings(startTimeoutMillis),
                (spec, directory, run, fmp4) -> command,
                launcher, Thread::new, scheduler, stoppers, watcher, now::get);
        return registry;
    }

    /** Segments of 10 s, so that the stall check (three segment durations) stays out of tests that fake one segment. */
    private TranscoderRegistry.Settings settings(long startTimeoutMillis) {
        return new TranscoderRegistry.Settings(work, startTimeoutMillis, IDLE_TIMEOUT, 10, 3, maxTranscoders);
    }

    private int maxTranscoders = 100;

    private static TranscodeSpec spec(String nickname) {
        return new TranscodeSpec(nickname, "rtsp://user:secret@cam.local/stream", RtspTransport.TCP, AudioMode.AAC,
                VideoMode.COPY);
    }

    private static void writePlaylist(TranscoderHandle handle) throws IOException {
        Files.writeString(handle.directory().resolve(FfmpegCommand.PLAYLIST), "#EXTM3U\n#EXTINF:1.0,\nx-0.ts\n");
    }

    private static void makeReady(TranscoderHandle handle) throws IOException {
        writePlaylist(handle);
        assertTrue(handle.checkReady());
    }

    /** Waits for a state the registry reaches on another thread; the caller's hang guard bounds it. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(5);
        }
    }

    private static StartFailedException startFailure(TranscoderHandle handle) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> handle.ready().get(20, TimeUnit.SECONDS));
        return assertInstanceOf(StartFailedException.class, e.getCause());
    }

    /** Waits until every stop the registry handed to its stoppers has run. */
    private void drainStoppers() throws InterruptedException {
        stoppers.shutdown();
        assertTrue(stoppers.awaitTermination(20, TimeUnit.SECONDS));
    }

    @Test
    void startsExactlyOnceUnderConcurrentCallers() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, SLEEP);
            int callers = 50;
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                CountDownLatch waiting = new CountDownLatch(callers);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<TranscoderHandle>> results = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    results.add(pool.submit(() -> {
                        waiting.countDown();
                        go.await();
                        return registry.ensureStarted(spec("cam1"));
                    }));
                }
                waiting.await();

                go.countDown();
                List<TranscoderHandle> handles = new ArrayList<>();
                for (Future<TranscoderHandle> result : results) {
                    handles.add(result.get());
                }

                assertEquals(1, launches.get());
                assertEquals(1, registry.startCount());
                TranscoderHandle first = handles.get(0);
                handles.forEach(h -> assertSame(first, h));
                assertTrue(first.process().isAlive());
                assertTrue(Files.isDirectory(first.directory()));
                assertTrue(first.directory().startsWith(work));
                assertSame(first, registry.running("cam1").orElseThrow());

                registry.stopAll();

                assertFalse(first.process().isAlive());
                assertFalse(Files.exists(first.directory()));
                assertTrue(registry.running("cam1").isEmpty());
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @Test
    void differentNicknamesStartSeparately() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, SLEEP);

            TranscoderHandle one = registry.ensureStarted(spec("cam1"));
            TranscoderHandle two = registry.ensureStarted(spec("cam2"));
            TranscoderHandle oneAgain = registry.ensureStarted(spec("cam1"));

            assertEquals(2, launches.get());
            assertNotSame(one, two);
            assertSame(one, oneAgain);
            assertNotEquals(one.directory(), two.directory());
            assertNotEquals(one.process().pid(), two.process().pid());
            assertTrue(one.process().isAlive() && two.process().isAlive());
        });
    }

    @Test
    void runTokenIsPassedToTheCommandAndNamesTheDirectory() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            List<String> runs = new CopyOnWriteArrayList<>();
            registry = new TranscoderRegistry(settings(LONG_START_TIMEOUT),
                    (spec, directory, run, fmp4) -> {
                        runs.add(run);
                        return SLEEP;
                    },
                    (args, directory) -> {
                        Process p = new ProcessBuilder(args).start();
                        launched.add(p);
                        return p;
                    }, Thread::new, scheduler, stoppers, null, now::get);

            TranscoderHandle handle = registry.ensureStarted(spec("cam1"));

            assertEquals(1, runs.size());
            assertTrue(runs.get(0).matches("[a-z0-9]{1,16}"), runs.get(0));
            assertEquals(work.resolve("cam1-" + runs.get(0)), handle.directory());
        });
    }

    @Test
    void stopIdleStopsAReadyHandleAfterTheIdleTimeoutAndNotBefore() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, SLEEP);
            TranscoderHandle handle = registry.ensureStarted(spec("cam1"));
            makeReady(handle);

            now.addAndGet(IDLE_TIMEOUT - 1);
            int early = registry.stopIdle();

            assertEquals(0, early);
            assertTrue(handle.process().isAlive());
            assertSame(handle, registry.running("cam1").orElseThrow());

            now.addAndGet(1);
            int due = registry.stopIdle();
            drainStoppers();

            assertEquals(1, due);
            assertFalse(handle.process().isAlive());
            assertFalse(Files.exists(handle.directory()));
            assertTrue(registry.running("cam1").isEmpty());
            assertEquals(TranscoderState.IDLE, registry.status("cam1").state());
        });
    }

    @Test
    void aRequestPostponesTheIdleStop() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, SLEEP);
            TranscoderHandle handle = registry.ensureStarted(spec("cam1"));
            makeReady(handle);

            now.addAndGet(IDLE_TIMEOUT - 1);
            registry.touch("cam1", "10.0.0.1|abc");
            now.addAndGet(IDLE_TIMEOUT - 1);
            int stopped = registry.stopIdle();

            assertEquals(0, stopped);
            assertTrue(handle.process().isAlive());

            now.addAndGet(1);
            assertEquals(1, registry.stopIdle());
        });
    }

    @Test
    void aHandleThatIsNotReadyIsNotReaped() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, SLEEP);
            TranscoderHandle handle = registry.ensureStarted(spec("cam1"));

            now.addAndGet(10 * IDLE_TIMEOUT);
            int stopped = registry.stopIdle();

            assertEquals(0, stopped);
            assertTrue(handle.process().isAlive());
            assertSame(handle, registry.running("cam1").orElseThrow());
            assertEquals(TranscoderState.STARTING, registry.status("cam1").state());
        });
    }

    @Test
    void stopIdleNoticesAPlaylistNobodyReportedYet() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, SLEEP);
            TranscoderHandle handle = registry.ensureStarted(spec("cam1"));
            writePlaylist(handle); // no checkReady: the reaper's own check must find it

            now.addAndGet(IDLE_TIMEOUT);
            int first = registry.stopIdle();

            assertEquals(0, first, "ready only now: the player gets a full idle window");
            assertTrue(handle.isReady());
            now.addAndGet(IDLE_TIMEOUT);
            assertEquals(1, registry.stopIdle());
        });
    }

    @Test
    void statusReportsIdleStartingAndLive() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, SLEEP);

            TranscoderStatus before = registry.status("cam1");
            assertEquals(TranscoderState.IDLE, before.state());
            assertNull(before.lastError());
            assertNull(before.pid());

            TranscoderHandle handle = registry.ensureStarted(spec("cam1"));
            TranscoderStatus starting = registry.status("cam1");
            assertEquals(TranscoderState.STARTING, starting.state());
            assertEquals(handle.process().pid(), starting.pid());
            assertEquals(Instant.ofEpochMilli(now.get()), starting.startedAt());

            makeReady(handle);
            registry.touch("cam1", "10.0.0.1|abc");
            TranscoderStatus live = registry.status("cam1");
            assertEquals(TranscoderState.LIVE, live.state());
            assertEquals(1, live.viewers());
            assertEquals(Instant.ofEpochMilli(now.get()), live.lastAccessAt());

            registry.stop("cam1").get(20, TimeUnit.SECONDS);
            TranscoderStatus stopped = registry.status("cam1");
            assertEquals(TranscoderState.IDLE, stopped.state());
            assertNull(stopped.lastError());
            assertFalse(handle.process().isAlive());
        });
    }

    @Test
    void aProcessThatExitsBeforeTheFirstSegmentFailsWithItsLastError() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, FAILS_AT_ONCE);

            TranscoderHandle handle = registry.ensureStarted(spec("cam1"));
            StartFailedException failure = startFailure(handle);

            assertEquals(StartFailedException.Kind.SOURCE_FAILED, failure.kind());
            assertEquals("boom", failure.getMessage());
            await(() -> registry.status("cam1").state() == TranscoderState.FAILED);
            TranscoderStatus status = registry.status("cam1");
            assertEquals("boom", status.lastError());
            assertNull(status.pid());
            assertTrue(registry.running("cam1").isEmpty());
            await(() -> !Files.exists(handle.directory()));
        });
    }

    @Test
    void aFailedChannelCanBeStartedAgainOnceItsDelayIsOver() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, FAILS_AT_ONCE);
            TranscoderHandle first = registry.ensureStarted(spec("cam1"));
            startFailure(first);
            await(() -> registry.running("cam1").isEmpty());
            now.addAndGet(Backoff.FIRST_MILLIS);

            TranscoderHandle second = registry.ensureStarted(spec("cam1"));

            assertNotSame(first, second);
            assertEquals(2, launches.get());
            startFailure(second);
            await(() -> registry.running("cam1").isEmpty() && !Files.exists(second.directory()));
        });
    }

    @Test
    void aStartTimeoutFailsTheHandleAndStopsTheProcess() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(300, SLEEP);

            TranscoderHandle handle = registry.ensureStarted(spec("cam1"));
            StartFailedException failure = startFailure(handle);

            assertEquals(StartFailedException.Kind.TIMEOUT, failure.kind());
            handle.process().onExit().get(20, TimeUnit.SECONDS);
            assertFalse(handle.process().isAlive());
            await(() -> registry.status("cam1").state() == TranscoderState.FAILED);
            assertTrue(registry.status("cam1").lastError().contains("no segment"), registry.status("cam1").lastError());
            await(() -> !Files.exists(handle.directory()));
        });
    }

    @Test
    void aLauncherThatCannotStartFailsAsUnavailable() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, SLEEP, (args, directory) -> {
                launches.incrementAndGet();
                throw new IOException("Cannot run program \"ffmpeg\": error=2, No such file or directory");
            });

            StartFailedException failure = assertThrows(StartFailedException.class,
                    () -> registry.ensureStarted(spec("cam1")));

            assertEquals(StartFailedException.Kind.UNAVAILABLE, failure.kind());
            assertTrue(failure.getMessage().contains("No such file"), failure.getMessage());
            assertTrue(registry.running("cam1").isEmpty());
            assertEquals(0, registry.startCount());
            assertEquals(TranscoderState.FAILED, registry.status("cam1").state());
            try (var left = Files.list(work)) {
                assertEquals(0, left.count(), "the output directory is removed again");
            }
        });
    }

    @Test
    void aPlaylistWatcherMakesTheHandleReadyWhenThePlaylistLands() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            watcher = new RunOutput(Thread::new);
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, SLEEP);
            TranscoderHandle handle = registry.ensureStarted(spec("cam1"));
            assertFalse(handle.isReady());

            // as FFmpeg's temp_file flag does: write aside, then rename into place
            Path temp = handle.directory().resolve("index.m3u8.tmp");
            Files.writeString(temp, "#EXTM3U\n#EXTINF:1.0,\nx-0.ts\n");
            Files.move(temp, handle.playlist(), StandardCopyOption.ATOMIC_MOVE);

            assertSame(handle, handle.ready().get(20, TimeUnit.SECONDS));
            assertEquals(TranscoderState.LIVE, registry.status("cam1").state());
        });
    }

    /**
     * stopAll promises every FFmpeg is gone when it returns. With stoppers that run one stop at a time and
     * processes that ignore SIGTERM (3 s grace each), its 10 s wait runs out; its fallback then has to kill
     * what is left.
     */
    @Test
    void stopAllLeavesNoProcessAliveEvenWhenStopsAreSlow() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            stoppers.shutdown();
            stoppers = Executors.newSingleThreadExecutor();
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, List.of("sh", "-c", "trap '' TERM; exec sleep 30"));
            List<TranscoderHandle> handles = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                handles.add(registry.ensureStarted(spec("cam" + i)));
            }

            registry.stopAll();

            for (TranscoderHandle handle : handles) {
                assertFalse(handle.process().isAlive(), () -> handle.nickname() + " still runs after stopAll");
            }
        });
    }

    @Test
    void forgetClearsTheLastError() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, FAILS_AT_ONCE);
            TranscoderHandle handle = registry.ensureStarted(spec("cam1"));
            startFailure(handle);
            await(() -> registry.status("cam1").state() == TranscoderState.FAILED);

            registry.forget("cam1").get(20, TimeUnit.SECONDS);

            assertEquals(TranscoderState.IDLE, registry.status("cam1").state());
            assertNull(registry.status("cam1").lastError());
        });
    }

    @Test
    void afterAFailedStartEveryoneGetsTheReasonWithRetryAfterAndNoNewFfmpegUntilTheDelayIsOver() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, FAILS_AT_ONCE);
            startFailure(registry.ensureStarted(spec("cam1")));
            await(() -> registry.running("cam1").isEmpty());

            for (int i = 0; i < 20; i++) { // twenty viewers retrying within the first delay
                StartFailedException waiting = assertThrows(StartFailedException.class, () -> registry.ensureStarted(spec("cam1")));
                assertEquals(StartFailedException.Kind.RETRYING, waiting.kind());
                assertTrue(waiting.getMessage().startsWith("boom; the gateway tries the source again in 1 s"), waiting.getMessage());
                assertEquals(1, waiting.retryAfterSeconds());
            }
            assertEquals(1, launches.get());

            now.addAndGet(Backoff.FIRST_MILLIS); // the delay is over: one more try, which fails again
            startFailure(registry.ensureStarted(spec("cam1")));
            await(() -> registry.running("cam1").isEmpty());
            StartFailedException longer = assertThrows(StartFailedException.class, () -> registry.ensureStarted(spec("cam1")));
            assertEquals(2, longer.retryAfterSeconds(), "the delay doubles");
            assertEquals(2, launches.get());
        });
    }

    @Test
    void theDelayGrowsToThirtySecondsAtMost() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, FAILS_AT_ONCE);
            long expected = Backoff.FIRST_MILLIS;
            for (int i = 0; i < 7; i++) {
                startFailure(registry.ensureStarted(spec("cam1")));
                await(() -> registry.running("cam1").isEmpty());
                StartFailedException waiting = assertThrows(StartFailedException.class, () -> registry.ensureStarted(spec("cam1")));
                assertEquals(expected / 1000, waiting.retryAfterSeconds());
                now.addAndGet(expected);
                expected = Math.min(Backoff.MAX_MILLIS, expected * 2);
            }
            assertEquals(30, expected / 1000);
        });
    }

    @Test
    void anAdminsStartAnEditAndAProbeThatReachesTheSourceTryAtOnce() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(LONG_START_TIMEOUT, FAILS_AT_ONCE);
            startFailure(registry.ensureStarted(spec("cam1")));
            await(() -> registry.running("cam1").isEmpty());

            startFailure(registry.startNow(spec("cam1")));
            await(() -> registry.running("cam1").isEmpty());
            assertEquals(2, launches.get());

            registry.restart(spec("cam1")); // an edit of a channel nobody watches
            startFailure(registry.ensureStarted(spec("cam1")));
            assertEquals(3, launches.get());

            registry.sourceAnswered("cam1"); // a probe reached the source
            startFailure(registry.ensureStarted(spec("cam1")));
            assertEquals(4, launches.get());
        });
    }
}
