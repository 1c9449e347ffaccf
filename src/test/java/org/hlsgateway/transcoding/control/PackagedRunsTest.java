package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.hlsgateway.packaging.entity.Box;
import org.hlsgateway.testsupport.LlPlaylistChecker;
import org.hlsgateway.transcoding.entity.AudioMode;
import org.hlsgateway.transcoding.entity.Packaging;
import org.hlsgateway.transcoding.entity.RtspTransport;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.transcoding.entity.TranscoderState;
import org.hlsgateway.transcoding.entity.VideoMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in LL-HLS mode ({@code HLS_LL}): a "FFmpeg" that writes recorded fragmented MP4 to its stdout and then waits,
 * read by the run's thread into the channel's packager.
 */
class PackagedRunsTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final long IDLE_TIMEOUT = 10_000;

    @TempDir
    Path work;

    private final AtomicLong now = new AtomicLong(1_764_612_000_000L);
    private ScheduledExecutorService scheduler;
    private ExecutorService stoppers;
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
        scheduler.shutdownNow();
        stoppers.shutdown();
        assertTrue(stoppers.awaitTermination(20, TimeUnit.SECONDS));
    }

    /** A registry whose runs write {@code stdout} and then sleep. */
    private TranscoderRegistry registry(byte[] stdout) throws Exception {
        return registry(stdout, true);
    }

    /** @param lowLatencyByDefault {@code HLS_LL}: channels that do not choose their packaging are packaged */
    private TranscoderRegistry registry(byte[] stdout, boolean lowLatencyByDefault) throws Exception {
        Path media = Files.write(work.resolve("media.mp4"), stdout);
        List<String> command = List.of("sh", "-c", "cat '" + media + "'; exec sleep 30");
        TranscoderRegistry.Launcher launcher = (args, directory) -> new ProcessBuilder(args)
                .directory(directory.toFile()).start(); // stdout is a pipe
        registry = new TranscoderRegistry(
                new TranscoderRegistry.Settings(work.resolve("hls"), 60_000, IDLE_TIMEOUT, 1, 6, 10, lowLatencyByDefault),
                (spec, directory, run, fmp4) -> command, launcher, Thread::new, scheduler, stoppers, null, now::get);
        return registry;
    }

    private static TranscodeSpec spec() {
        return new TranscodeSpec("cam1", "rtsp://cam.local/stream", RtspTransport.TCP, AudioMode.AAC, VideoMode.COPY);
    }

    /** The camera's first boxes up to and with its first part: ftyp, moov, moof, mdat. */
    private static byte[] firstPartOnly() throws Exception {
        List<Box> boxes = ChannelPackagerTest.boxes("camera-h264.mp4");
        int end = 0;
        for (Box box : boxes.subList(0, 4)) {
            end += box.size();
        }
        assertEquals("mdat", boxes.get(3).type());
        return Arrays.copyOf(ChannelPackagerTest.fixture("camera-h264.mp4"), end);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(5);
        }
    }

    @Test
    void theRunIsReadyWithItsFirstPartLongBeforeAWholeSegment() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(firstPartOnly());

            TranscoderHandle handle = registry.ensureStarted(spec());

            assertEquals(handle, handle.ready().get(10, TimeUnit.SECONDS));
            assertTrue(handle.packaged());
            ChannelPackager packager = registry.packager("cam1").orElseThrow();
            assertTrue(packager.hasPart());
            assertEquals(1, packager.window().snapshot().open().parts().size(), "one part, no segment complete");
            assertTrue(packager.window().snapshot().segments().isEmpty());
            LlPlaylistChecker.check(packager.playlist(null, false));
            assertEquals(TranscoderState.LIVE, registry.status("cam1").state());
            assertTrue(registry.playlist("cam1").isEmpty(), "no plain HLS playlist: nothing on disk");
        });
    }

    @Test
    void aChannelThatChoosesLlIsPackagedWhenTheGatewayDefaultIsMpegTs() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(firstPartOnly(), false);

            TranscoderHandle handle = registry.ensureStarted(withPackaging(Packaging.LL));

            assertEquals(handle, handle.ready().get(10, TimeUnit.SECONDS));
            assertTrue(handle.packaged());
            assertTrue(registry.packager("cam1").orElseThrow().hasPart());
        });
    }

    @Test
    void aChannelThatChoosesMpegTsIsLeftToFfmpegWhenTheGatewayDefaultIsLl() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(firstPartOnly(), true);

            TranscoderHandle handle = registry.ensureStarted(withPackaging(Packaging.TS));

            assertFalse(handle.packaged());
            assertTrue(registry.packager("cam1").isEmpty(), "no packager: FFmpeg's HLS muxer writes the files");
            assertFalse(handle.ready().isDone(), "fMP4 on stdout is not read, and no TS segment was written");
        });
    }

    @Test
    void changingAWatchedChannelsPackagingStartsItAgainWithTheOther() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(firstPartOnly(), true);
            TranscoderHandle first = registry.ensureStarted(spec());
            first.ready().get(10, TimeUnit.SECONDS);
            registry.touch("cam1", "viewer");

            registry.restart(withPackaging(Packaging.TS));

            await(() -> !first.process().isAlive());
            assertTrue(registry.packager("cam1").isEmpty(), "the LL window is gone with its session");
            TranscoderHandle next = registry.ensureStarted(withPackaging(Packaging.TS));
            assertFalse(next.packaged());
        });
    }

    private static TranscodeSpec withPackaging(Packaging packaging) {
        return new TranscodeSpec("cam1", "rtsp://cam.local/stream", RtspTransport.TCP, AudioMode.AAC, VideoMode.COPY,
                false, null, null, packaging);
    }

    @Test
    void aBrokenBoxEndsTheRunWithAReasonThatSaysSo() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            byte[] good = firstPartOnly();
            byte[] broken = Arrays.copyOf(good, good.length + 64);
            broken[good.length + 3] = 64; // a box of 64 bytes of type 00000000
            TranscoderRegistry registry = registry(broken);

            TranscoderHandle handle = registry.ensureStarted(spec());

            // the broken box comes in the same read as the first part: the start fails, a cold player hears why
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> handle.ready().get(10, TimeUnit.SECONDS));
            assertInstanceOf(StartFailedException.class, failed.getCause());
            String error = registry.status("cam1").lastError();
            assertEquals(failed.getCause().getMessage(), error);
            assertTrue(error.contains("fragmented MP4 is broken") && error.contains("at byte " + good.length), error);
            await(() -> !handle.process().isAlive());
        });
    }

    @Test
    void aRunThatSendsNoMoreAfterItsPartsStallsAndAnIdleOneStops() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(ChannelPackagerTest.fixture("camera-h264.mp4"));
            TranscoderHandle handle = registry.ensureStarted(spec());
            handle.ready().get(10, TimeUnit.SECONDS);
            ChannelPackager packager = registry.packager("cam1").orElseThrow();
            await(() -> packager.window().snapshot().nextPartNumber() - packager.window().snapshot().all().get(0)
                    .parts().get(0).number() > 15);

            now.addAndGet(3_500); // no part for more than three 1 s segments, while watched
            registry.touch("cam1", "viewer");
            registry.stopIdle();

            assertTrue(registry.status("cam1").lastError().contains("stalled"), registry.status("cam1").lastError());
            await(() -> !handle.process().isAlive());
        });
    }

    @Test
    void anIdleChannelStopsAndItsWaitingPlayersAreLetGo() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            TranscoderRegistry registry = registry(firstPartOnly());
            TranscoderHandle handle = registry.ensureStarted(spec());
            handle.ready().get(10, TimeUnit.SECONDS);
            ChannelPackager packager = registry.packager("cam1").orElseThrow();
            CompletableFuture<Void> waiting = packager.window().whenPartNumber(
                    packager.window().snapshot().nextPartNumber());

            now.addAndGet(IDLE_TIMEOUT + 1);
            assertEquals(1, registry.stopIdle());

            assertThrows(CancellationException.class, () -> waiting.get(10, TimeUnit.SECONDS));
            assertTrue(registry.packager("cam1").isEmpty());
            assertFalse(registry.running("cam1").isPresent());
        });
    }
}
