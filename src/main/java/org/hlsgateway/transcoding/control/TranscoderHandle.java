package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/** One running FFmpeg process, its output directory and what is known about it. */
public final class TranscoderHandle {

    private final TranscodeSpec spec;
    private final Path directory;
    private final Process process;
    private final Instant startedAt;
    private final FfmpegOutput output = new FfmpegOutput(40);
    private final CompletableFuture<TranscoderHandle> ready = new CompletableFuture<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean slotReleased = new AtomicBoolean();
    private final AtomicLong idleCheckAt = new AtomicLong();
    private final AtomicLong lastAccessMillis;
    private final Map<String, Long> clients = new ConcurrentHashMap<>();
    private volatile Still still;

    /** A preview image and when it was taken. */
    public record Still(byte[] jpeg, long takenAt) {
    }

    private final boolean fmp4;
    private final boolean packaged;

    public TranscoderHandle(TranscodeSpec spec, Path directory, Process process, long nowMillis) {
        this(spec, directory, process, nowMillis, false);
    }

    public TranscoderHandle(TranscodeSpec spec, Path directory, Process process, long nowMillis, boolean fmp4) {
        this(spec, directory, process, nowMillis, fmp4, false);
    }

    /** @param packaged FFmpeg writes fragmented MP4 to stdout for the channel's packager (LL-HLS), no playlist */
    public TranscoderHandle(TranscodeSpec spec, Path directory, Process process, long nowMillis, boolean fmp4,
                            boolean packaged) {
        this.fmp4 = fmp4;
        this.packaged = packaged;
        this.spec = spec;
        this.directory = directory;
        this.process = process;
        this.startedAt = Instant.ofEpochMilli(nowMillis);
        this.lastAccessMillis = new AtomicLong(nowMillis);
    }

    public String nickname() {
        return spec.nickname();
    }

    public TranscodeSpec spec() {
        return spec;
    }

    public Path directory() {
        return directory;
    }

    /** The run token that names this process's directory and starts its segment names. */
    public String run() {
        String name = directory.getFileName().toString();
        return name.substring(name.lastIndexOf('-') + 1);
    }

    public Path playlist() {
        return directory.resolve(FfmpegCommand.PLAYLIST);
    }

    public Process process() {
        return process;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** What this run's FFmpeg said on stderr: its last lines, the input streams it found. */
    public FfmpegOutput output() {
        return output;
    }

    public Still still() {
        return still;
    }

    void keepStill(Still taken) {
        this.still = taken;
    }


    /**
     * Completes when the playlist lists a first complete segment (packaged: when the first independent part exists);
     * fails when the start fails.
     */
    public CompletableFuture<TranscoderHandle> ready() {
        return ready;
    }

    public boolean isReady() {
        return ready.isDone() && !ready.isCompletedExceptionally();
    }

    /** Marks the handle as being stopped on purpose; true for the first caller only. */
    boolean markStopping() {
        return stopping.compareAndSet(false, true);
    }

    public boolean isStopping() {
        return stopping.get();
    }

    /** True when no idle check is scheduled for {@code dueAt} yet (one per due time). */
    boolean markIdleCheck(long dueAt) {
        return idleCheckAt.getAndSet(dueAt) != dueAt;
    }

    /** True for the first caller once the process has ended: its slot under the transcoder limit is free. */
    boolean releaseSlot() {
        return !process.isAlive() && slotReleased.compareAndSet(false, true);
    }

    /** Distinct clients remembered at most; beyond it, those not seen for a minute are forgotten. */
    static final int MAX_CLIENTS = 10_000;

    /** Records a request by {@code client}: a memory write, never I/O. */
    public void touch(String client, long nowMillis) {
        lastAccessMillis.accumulateAndGet(nowMillis, Math::max);
        if (client != null) {
            clients.put(client, nowMillis);
            if (clients.size() > MAX_CLIENTS) {
                clients.values().removeIf(seen -> seen < nowMillis - 60_000);
            }
        }
    }

    public long lastAccessMillis() {
        return lastAccessMillis.get();
    }

    /** Distinct clients seen within {@code windowMillis}; forgets older ones. */
    public int viewers(long nowMillis, long windowMillis) {
        long since = nowMillis - windowMillis;
        clients.values().removeIf(seen -> seen < since);
        return clients.size();
    }

    /** Checks the playlist on disk and completes {@link #ready()} once it lists a segment. */
    public boolean checkReady() {
        if (ready.isDone()) {
            return isReady();
        }
        if (stopping.get()) {
            // a run being replaced (HEVC found, settings changed) may flush one last segment as it
            // stops: its waiters belong to the successor, never to this run
            return false;
        }
        if (packaged) {
            return false; // made ready by its packager's first independent part (firstPart), not by a file
        }
        return RunOutput.listsASegment(playlist()) && (ready.complete(this) || isReady());
    }

    /** The packager holds this run's first independent part: a player can start (unless the run is stopping). */
    boolean firstPart() {
        return !stopping.get() && (ready.complete(this) || isReady());
    }

    /** True when FFmpeg writes fragmented MP4 to stdout for the gateway's packager (LL-HLS). */
    public boolean packaged() {
        return packaged;
    }

    void fail(StartFailedException reason) {
        ready.completeExceptionally(reason);
    }

    /** Completes this handle's waiters with the transcoder that replaced it. */
    void handOver(TranscoderHandle successor) {
        ready.complete(successor);
    }

    /** True when FFmpeg writes fMP4 segments (HEVC sources). */
    public boolean fmp4() {
        return fmp4;
    }
}
