package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * What a channel keeps across FFmpeg runs while people watch it: the playlist window with its
 * continuous media sequence, the directories of runs whose segments players may still fetch,
 * and the back-off of restarts after a source failure. It ends when nobody has asked for the
 * channel for the idle timeout.
 */
public final class LiveSession {

    private final SegmentWindow window;
    private final Map<String, Path> directories = new ConcurrentHashMap<>();
    /** When each old run's last segment left the window (epoch ms). */
    private final Map<String, Long> leftWindowAt = new ConcurrentHashMap<>();
    private final int playlistSize;
    private final Backoff backoff = new Backoff();
    private volatile TranscodeSpec spec;
    private volatile long lastSegmentAt;
    private volatile long retryAt;
    private volatile String failure;
    private volatile ScheduledFuture<?> retry;
    /** The gateway's own packager (LL-HLS, {@code HLS_LL}); null when FFmpeg writes the HLS files. */
    private final ChannelPackager packager;

    public LiveSession(TranscodeSpec spec, int playlistSize, int segmentSeconds) {
        this(spec, playlistSize, segmentSeconds, null);
    }

    public LiveSession(TranscodeSpec spec, int playlistSize, int segmentSeconds, ChannelPackager packager) {
        this.spec = spec;
        this.window = new SegmentWindow(playlistSize, segmentSeconds);
        this.playlistSize = playlistSize;
        this.packager = packager;
    }

    /** The channel's LL-HLS packager, or null when FFmpeg writes plain HLS files. */
    public ChannelPackager packager() {
        return packager;
    }

    /** The packager made a part: the stall clock starts again. */
    void partArrived(long now) {
        lastSegmentAt = now;
    }

    public TranscodeSpec spec() {
        return spec;
    }

    void use(TranscodeSpec newSpec) {
        this.spec = newSpec;
    }

    /** A new FFmpeg run writes into {@code directory}; its stall clock starts now. */
    void runStarted(TranscoderHandle handle, long now) {
        directories.put(handle.run(), handle.directory());
        lastSegmentAt = now;
    }

    /** Takes in the run's playlist as it is on disk now; true when it listed new segments. */
    boolean merge(TranscoderHandle handle, long now) {
        Optional<String> read = RunOutput.text(handle.playlist());
        if (read.isEmpty()) {
            return false;
        }
        String text = read.get();
        if (window.merge(handle.run(), text) > 0) {
            lastSegmentAt = now;
            return true;
        }
        return false;
    }

    /** FFmpeg wrote {@code handle}'s playlist: into the window; its first segment makes the handle ready. */
    void absorb(TranscoderHandle handle, TranscoderRegistry registry) {
        if (handle.isStopping()) {
            return; // a stopping run's last segment is never merged (nor makes it ready)
        }
        long now = registry.now();
        merge(handle, now);
        handle.checkReady();
        registry.runs().delete(retire(handle.run(), now));
    }

    /** Null while no restart waits at {@code now}; otherwise the answer for a player who asks meanwhile. */
    StartFailedException restartRefusal(long now) {
        if (retryAt <= now) {
            return null;
        }
        long seconds = Math.max(1, (retryAt - now + 999) / 1000);
        return new StartFailedException(StartFailedException.Kind.RETRYING, failure
                + "; the gateway restarts the source in " + seconds + " s", seconds);
    }

    /**
     * The playlist for a request while {@code run} is the channel's run. The file watcher merges FFmpeg's playlist
     * whenever FFmpeg writes it, so a request reads it only where no watcher runs, or before the first segment
     * (a waiting player may be answered before the watcher's merge).
     */
    Optional<String> playlist(TranscoderHandle run, TranscoderRegistry registry) {
        if (run != null && !run.isStopping() && (packager != null || !registry.runs().watchesFiles() || !hasPlayed())) {
            merge(run, registry.now());
        }
        return playlist();
    }

    /** The playlist players get, with one continuous media sequence across runs. */
    public Optional<String> playlist() {
        return Optional.ofNullable(window.render());
    }

    /** True once any run of this session listed a segment: a failure now is a failure while watching. */
    public boolean hasPlayed() {
        return packager != null ? packager.hasPart() : !window.isEmpty();
    }

    /** The file of a segment the window lists (or its init section), in whichever run's directory it lives. */
    public Optional<Path> file(String name) {
        int dash = name.indexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        String run = name.substring(0, dash);
        Path directory = directories.get(run);
        return directory == null ? Optional.empty() : Optional.of(directory.resolve(name));
    }

    /**
     * Removes and returns the directories of runs other than {@code current} whose segments left
     * the window at least {@link #retentionMillis()} ago: a player that fetched the playlist just
     * before still gets them (RFC 8216, 6.2.2).
     */
    List<Path> retire(String current, long now) {
        Set<String> inUse = window.runsInUse();
        long keep = retentionMillis();
        List<Path> retired = new ArrayList<>();
        directories.forEach((run, directory) -> {
            if (run.equals(current) || inUse.contains(run)) {
                leftWindowAt.remove(run);
                return;
            }
            long left = leftWindowAt.computeIfAbsent(run, r -> now);
            if (now - left >= keep && directories.remove(run, directory)) {
                leftWindowAt.remove(run);
                retired.add(directory);
            }
        });
        return retired;
    }

    /**
     * How long a segment stays available after it leaves the playlist: its own duration plus the
     * playlist's (RFC 8216, 6.2.2), as FFmpeg's {@code -hls_delete_threshold} does for a run's own segments.
     */
    long retentionMillis() {
        return 1_000L * window.targetDuration() * (playlistSize + 1);
    }

    /** The session ends: no restart waits any more; returns every directory but run {@code keep}'s (null: all). */
    List<Path> close(String keep) {
        cancelRetry();
        if (packager != null) {
            packager.close();
        }
        return retireAllBut(keep);
    }

    /** Removes and returns every directory except that of run {@code keep} (null: all). */
    List<Path> retireAllBut(String keep) {
        List<Path> retired = new ArrayList<>();
        directories.forEach((run, directory) -> {
            if (!run.equals(keep) && directories.remove(run, directory)) {
                leftWindowAt.remove(run);
                retired.add(directory);
            }
        });
        return retired;
    }

    long lastSegmentAt() {
        return lastSegmentAt;
    }

    /** Three segment durations as this source really cuts them (a camera's GOP may be longer than configured). */
    long stallMillis() {
        return 3_000L * window.targetDuration();
    }

    long nextRetryDelay() {
        return backoff.next();
    }

    void worked() {
        backoff.reset();
        failure = null;
    }

    void waitForRetry(long at, String reason, ScheduledFuture<?> scheduled) {
        this.retryAt = at;
        this.failure = reason;
        this.retry = scheduled;
    }

    void retrying() {
        retryAt = 0;
    }

    /** When the next restart is due (epoch ms), or 0 when none waits. */
    public long retryAt() {
        return retryAt;
    }

    public String failure() {
        return failure;
    }

    void cancelRetry() {
        ScheduledFuture<?> scheduled = retry;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        retryAt = 0;
    }
}
