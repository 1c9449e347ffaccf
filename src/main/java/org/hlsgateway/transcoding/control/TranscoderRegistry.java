package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.transcoding.entity.TranscoderStatus;

/**
 * Every watched channel, at most one FFmpeg each: a map of {@link LiveChannel}s (each owns its
 * channel's life), the transcoder limit ({@link FfmpegRuns}) and {@link #stopAll()}. Plain Java so
 * that its concurrency can be tested without a container; the {@code Transcoders} singleton owns the one instance.
 */
public final class TranscoderRegistry implements LiveOutput {

    /** How often the idle reaper calls {@link #stopIdle()} (its {@code @Schedule}: every second). */
    static final long REAPER_PERIOD_MILLIS = 1_000;

    /** Starts a process; the real one is {@link ProcessBuilder}, tests may count calls. */
    @FunctionalInterface
    public interface Launcher {
        Process launch(List<String> command, Path directory) throws IOException;

        /** @param pipeOutput stdout into a pipe for the packager (LL-HLS), not discarded */
        default Process launch(List<String> command, Path directory, boolean pipeOutput) throws IOException {
            return launch(command, directory);
        }
    }

    /**
     * @param maxTranscoders how many FFmpeg processes may run at once; more starts fail as {@code BUSY}
     * @param lowLatency the default of channels that do not choose ({@code HLS_LL}): FFmpeg writes fragmented MP4 to
     *                   stdout, packaged by the gateway into LL-HLS
     */
    public record Settings(Path workDir, long startTimeoutMillis, long idleTimeoutMillis, int segmentSeconds,
                           int playlistSize, int maxTranscoders, boolean lowLatency) {

        /** Plain HLS written by FFmpeg's own muxer. */
        public Settings(Path workDir, long startTimeoutMillis, long idleTimeoutMillis, int segmentSeconds,
                        int playlistSize, int maxTranscoders) {
            this(workDir, startTimeoutMillis, idleTimeoutMillis, segmentSeconds, playlistSize, maxTranscoders, false);
        }

        /** True when the gateway packages {@code spec}'s channel (LL-HLS), false when FFmpeg writes MPEG-TS files. */
        public boolean packaged(TranscodeSpec spec) {
            return spec.packaged(lowLatency);
        }
    }

    /** Builds FFmpeg's arguments for a spec and an output directory. */
    @FunctionalInterface
    public interface CommandFactory {
        List<String> command(TranscodeSpec spec, Path directory, String run, boolean fmp4);
    }

    /** Hears what happens to transcoders (for metrics); must be fast and must not throw. */
    public interface Listener {
        Listener NONE = new Listener() { };

        default void started(String nickname) {
        }

        default void firstSegment(String nickname, long millis) {
        }

        default void failed(String nickname, StartFailedException.Kind kind) {
        }
    }

    private final Settings settings;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier clock;
    private final FfmpegRuns runs;
    private final Map<String, LiveChannel> channels = new ConcurrentHashMap<>();
    private volatile Listener listener = Listener.NONE;
    private volatile Function<String, Optional<SourceKnock>> knocks = url -> Optional.empty();

    public TranscoderRegistry(Settings settings, CommandFactory commands, Launcher launcher, ThreadFactory threads,
                              ScheduledExecutorService scheduler, ExecutorService stoppers,
                              RunOutput watcher, LongSupplier clock) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
        this.runs = new FfmpegRuns(settings, commands, launcher, threads, scheduler, stoppers, watcher, clock,
                () -> listener);
    }

    public void setListener(Listener listener) {
        this.listener = listener == null ? Listener.NONE : listener;
    }

    /** Watched TCP sources waiting to be restarted are knocked at, to restart them as soon as they are back. */
    public void knockAtSources() {
        knocks = SourceKnock::of;
    }

    Settings settings() {
        return settings;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    long now() {
        return clock.getAsLong();
    }

    FfmpegRuns runs() {
        return runs;
    }

    Listener listener() {
        return listener;
    }

    Optional<SourceKnock> knock(String url) {
        return knocks.apply(url);
    }

    private LiveChannel channel(String nickname) {
        return channels.computeIfAbsent(nickname, n -> new LiveChannel(n, this));
    }

    private Optional<LiveChannel> known(String nickname) {
        return Optional.ofNullable(channels.get(nickname));
    }

    public int runningCount() {
        return (int) channels.values().stream().filter(c -> c.run() != null).count();
    }

    /** The running transcoder of {@code spec}'s channel, started now if there is none. Never two. */
    public TranscoderHandle ensureStarted(TranscodeSpec spec) {
        return channel(spec.nickname()).ensureStarted(spec);
    }

    /** As {@link #ensureStarted}, but at once even while a failed start waits out its delay (an admin's Start). */
    public TranscoderHandle startNow(TranscodeSpec spec) {
        LiveChannel channel = channel(spec.nickname());
        channel.resetBackoff();
        return channel.ensureStarted(spec);
    }

    /** The source answered (a probe): the next start of the channel tries at once, not after its back-off delay. */
    public void sourceAnswered(String nickname) {
        known(nickname).ifPresent(LiveChannel::resetBackoff);
    }

    /**
     * The playlist players get: the channel's window, with one continuous media sequence across
     * FFmpeg restarts. Empty before the first segment and after the channel went idle.
     */
    @Override
    public Optional<String> playlist(String nickname) {
        return known(nickname).flatMap(LiveChannel::playlist);
    }

    /** The file of a segment the channel's window lists, whichever run wrote it. */
    @Override
    public Optional<Path> segment(String nickname, String name) {
        return known(nickname).map(LiveChannel::session).flatMap(s -> s.file(name));
    }

    /** The channel's live session (window, restarts), if people watch it. */
    public Optional<LiveSession> session(String nickname) {
        return known(nickname).map(LiveChannel::session);
    }

    public Optional<TranscoderHandle> running(String nickname) {
        return known(nickname).map(LiveChannel::run);
    }

    @Override
    public Optional<TranscodeSpec> runningSpec(String nickname) {
        return running(nickname).map(TranscoderHandle::spec);
    }

    @Override
    public Optional<TranscodeSpec> watchedSpec(String nickname) {
        return session(nickname).map(LiveSession::spec);
    }

    @Override
    public Optional<ChannelPackager> packager(String nickname) {
        return session(nickname).map(LiveSession::packager);
    }

    @Override
    public Optional<TranscoderHandle> readyRun(String nickname) {
        return running(nickname).filter(h -> h.isReady() && !h.isStopping());
    }

    /** How many FFmpeg processes this registry has started since it was created. */
    public long startCount() {
        return runs.startCount();
    }

    /** Records activity on a channel: memory writes only. */
    @Override
    public void touch(String nickname, String client) {
        channel(nickname).touch(client);
    }

    /** The channels this registry holds any state for (running, restarting or failed); every other one is IDLE. */
    public Set<String> tracked() {
        return channels.entrySet().stream().filter(e -> e.getValue().tracked()).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    public TranscoderStatus status(String nickname) {
        return known(nickname).map(LiveChannel::status).orElseGet(() -> TranscoderStatus.idle(null, null));
    }

    /** Stops the channel's transcoder, if any, in the background. */
    public CompletableFuture<Void> stop(String nickname) {
        return known(nickname).map(LiveChannel::stop).orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    /** Forgets a channel completely (it was deleted). */
    public CompletableFuture<Void> forget(String nickname) {
        return known(nickname).map(LiveChannel::forget).orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    /**
     * The channel's settings changed. Watched now: its FFmpeg restarts at once with {@code spec},
     * players keep their playlist (a discontinuity marks the change). Not watched: it is forgotten.
     */
    public void restart(TranscodeSpec spec) {
        known(spec.nickname()).ifPresent(c -> c.restart(spec));
    }

    /**
     * Stops every ready transcoder nobody asked for within the idle timeout; returns how many.
     * One that falls due before the next call is stopped by a one-off check at the exact moment.
     */
    public int stopIdle() {
        long now = clock.getAsLong();
        int stopped = 0;
        for (LiveChannel channel : channels.values()) {
            if (channel.reap(now)) {
                stopped++;
            }
        }
        return stopped;
    }

    /**
     * Stops every transcoder and waits for all of them (undeploy, shutdown), then deletes every
     * session's directories. Runs on the caller's thread.
     */
    public void stopAll() {
        List<TranscoderHandle> handles = new ArrayList<>();
        for (LiveChannel channel : channels.values()) {
            TranscoderHandle handle = channel.takeForShutdown();
            if (handle != null) {
                handles.add(handle);
            }
        }
        FfmpegRuns.endAll(handles);
        channels.values().forEach(LiveChannel::dropSession);
    }
}
