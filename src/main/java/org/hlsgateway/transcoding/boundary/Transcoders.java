package org.hlsgateway.transcoding.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.transcoding.control.FfmpegCommand;
import org.hlsgateway.transcoding.control.FfmpegLocator;
import org.hlsgateway.transcoding.control.FfmpegSetup;
import org.hlsgateway.transcoding.control.LiveOutput;
import org.hlsgateway.transcoding.control.OrphanSweeper;
import org.hlsgateway.transcoding.control.ProcessLauncher;
import org.hlsgateway.transcoding.control.RunOutput;
import org.hlsgateway.transcoding.control.PreviewMaker;
import org.hlsgateway.transcoding.control.Prober;
import org.hlsgateway.transcoding.entity.InputStreams;
import org.hlsgateway.transcoding.control.StartFailedException;
import org.hlsgateway.transcoding.control.TranscoderHandle;
import org.hlsgateway.transcoding.control.TranscoderRegistry;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.transcoding.entity.TranscoderStatus;

/**
 * The one owner of every FFmpeg process. Nothing else starts or kills one; all are stopped
 * when the application is undeployed or the server shuts down.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN) // no database here: no JTA transaction per call on the hot path
public class Transcoders {

    private static final Logger LOG = Logger.getLogger(Transcoders.class.getName());

    @Resource
    ManagedThreadFactory threads;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Resource
    ManagedExecutorService executor;

    @Inject
    GatewayConfig config;
    private FfmpegLocator.Ffmpeg ffmpeg;
    private String unavailableReason;
    private RunOutput watcher;
    private TranscoderRegistry registry;
    private FfmpegCommand command;
    private ProcessLauncher launcher;

    @PostConstruct
    void start() {
        ffmpeg = FfmpegSetup.locate(config, reason -> unavailableReason = reason).orElse(null);
        try {
            watcher = new RunOutput(threads);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "no file watching; first segments are found by the reaper's checks", e);
        }
        command = FfmpegSetup.command(ffmpeg, config);
        int orphans = OrphanSweeper.sweep(config.workDir());
        if (orphans > 0) {
            LOG.warning(() -> "killed " + orphans + " FFmpeg processes left from a previous run");
        }
        boolean packaged = config.lowLatency(); // HLS_LL: the default of channels that do not choose their packaging
        launcher = new ProcessLauncher(threads); // LL channels' FFmpegs write fMP4 to a pipe for the gateway's packager
        registry = new TranscoderRegistry(
                new TranscoderRegistry.Settings(config.workDir(), config.startTimeoutSeconds() * 1000L,
                        config.idleTimeoutSeconds() * 1000L, config.segmentSeconds(), config.playlistSize(),
                        config.maxTranscoders(), packaged),
                (spec, dir, run, fmp4) -> spec.packaged(packaged) ? command.buildFragmented(spec, fmp4)
                        : command.build(spec, dir, run, fmp4),
                launcher,
                threads, scheduler, executor, watcher, System::currentTimeMillis);
        registry.knockAtSources();
        LOG.info(() -> "HLS output in " + config.workDir() + "; idle timeout " + config.idleTimeoutSeconds()
                + " s, start timeout " + config.startTimeoutSeconds() + " s, segments of " + config.segmentSeconds() + " s"
                + "; channels by default " + (packaged ? "LL-HLS from the gateway's packager" : "MPEG-TS from FFmpeg")
                + " (HLS_LL)");
    }

    @PreDestroy
    void shutdown() {
        LOG.info("stopping every FFmpeg");
        registry.stopAll();
        launcher.close();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "watcher close", e);
            }
        }
    }

    /** Connects the metrics (or anything else that listens) to the registry's events. */
    public void listen(TranscoderRegistry.Listener listener) {
        registry.setListener(listener);
    }

    /**
     * What players' requests need (touch, playlist, segment files), for the serving hot path: it is
     * thread-safe, and calling it directly spares every playlist and segment request an EJB invocation.
     */
    public LiveOutput live() {
        return registry;
    }

    public int runningCount() {
        return registry.runningCount();
    }

    public int viewers(String nickname) {
        return status(nickname).viewers();
    }

    /** The live state of channels that run on other nodes of a cluster; declared here, given by the cluster feature. */
    public interface Elsewhere {
        /** The channels running on other nodes, with their status there. */
        java.util.Map<String, TranscoderStatus> statuses();

        /** The channel was deleted or changed here: whichever node runs it stops it. */
        void stop(String nickname);
    }

    private volatile Elsewhere elsewhere;

    /** Cluster mode: statuses of channels that do not run here come from {@code source}. */
    public void lookElsewhere(Elsewhere source) {
        this.elsewhere = source;
    }

    public boolean ffmpegAvailable() {
        return ffmpeg != null;
    }

    /**
     * Tests a source: a running channel reports what its FFmpeg found; otherwise FFmpeg connects
     * once, reads the streams and disconnects.
     */
    public Prober.Result probe(TranscodeSpec spec) {
        if (ffmpeg == null) {
            return new Prober.Result(false, InputStreams.UNKNOWN, unavailableReason);
        }
        Optional<TranscoderHandle> running = registry.running(spec.nickname());
        if (running.isPresent() && running.get().output().streams().videoCodec() != null) {
            return new Prober.Result(true, running.get().output().streams(), null);
        }
        try {
            Prober.Result result = Prober.run(command.probe(spec), spec.url(), config.startTimeoutSeconds() * 1000L);
            if (result.reachable()) {
                registry.sourceAnswered(spec.nickname()); // fixed: viewers need not wait out a failed start's delay
            }
            return result;
        } catch (StartFailedException e) {
            return new Prober.Result(false, InputStreams.UNKNOWN, e.getMessage());
        } catch (IOException e) {
            return new Prober.Result(false, InputStreams.UNKNOWN, "FFmpeg could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Prober.Result(false, InputStreams.UNKNOWN, "interrupted");
        }
    }

    /** A JPEG of the channel's newest segment; empty when it does not run or has no segment. */
    public Optional<byte[]> preview(String nickname) {
        Optional<TranscoderHandle> handle = registry.running(nickname);
        if (handle.isEmpty() || ffmpeg == null) {
            return Optional.empty();
        }
        try {
            PreviewMaker maker = new PreviewMaker(command.invocation());
            if (handle.get().packaged()) { // LL-HLS: from the packager's newest independent part, in memory
                Optional<java.util.List<byte[]>> still = registry.packager(nickname)
                        .flatMap(org.hlsgateway.transcoding.control.ChannelPackager::stillSource);
                return still.isEmpty() ? Optional.empty() : maker.preview(handle.get(), still.get());
            }
            return maker.preview(handle.get());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public GatewayConfig config() {
        return config;
    }

    /** Starts the channel's FFmpeg unless it runs already; exactly one per channel. */
    public TranscoderHandle ensureStarted(TranscodeSpec spec) {
        if (ffmpeg == null) {
            throw new StartFailedException(StartFailedException.Kind.UNAVAILABLE, unavailableReason);
        }
        return registry.ensureStarted(spec);
    }

    /** An admin's Start: tries at once, even while a failed start of the channel waits out its back-off delay. */
    public TranscoderHandle startNow(TranscodeSpec spec) {
        if (ffmpeg == null) {
            throw new StartFailedException(StartFailedException.Kind.UNAVAILABLE, unavailableReason);
        }
        return registry.startNow(spec);
    }

    /** The last lines FFmpeg wrote for the running channel, credentials masked; empty when it does not run. */
    public java.util.List<String> log(String nickname) {
        return registry.running(nickname).map(h -> h.output().cleanLines().stream()
                .map(line -> org.hlsgateway.transcoding.control.SourceUrl.scrub(line, h.spec().url())).toList())
                .orElse(java.util.List.of());
    }

    /** The channel's settings changed: a watched channel restarts at once with them, others are forgotten. */
    public void restart(TranscodeSpec spec) {
        registry.restart(spec);
        Elsewhere other = elsewhere;
        if (other != null) {
            other.stop(spec.nickname()); // another node runs it with the old settings: its next player starts it anew
        }
    }

    public void touch(String nickname, String client) {
        registry.touch(nickname, client);
    }

    /** The channels in {@code state} now; for IDLE, the ones NOT idle (every channel not named is IDLE). */
    public java.util.Set<String> nicknames(org.hlsgateway.transcoding.entity.TranscoderState state) {
        var idle = org.hlsgateway.transcoding.entity.TranscoderState.IDLE;
        java.util.Set<String> found = registry.tracked().stream()
                .filter(n -> state == idle ? registry.status(n).state() != idle : registry.status(n).state() == state)
                .collect(java.util.stream.Collectors.toSet());
        return found;
    }

    /** The channels not idle here or, in a cluster, on any node; for IDLE as in {@link #nicknames}. */
    public java.util.Set<String> nicknamesEverywhere(org.hlsgateway.transcoding.entity.TranscoderState state) {
        java.util.Set<String> found = new java.util.HashSet<>(nicknames(state));
        Elsewhere other = elsewhere;
        if (other != null) {
            var idle = org.hlsgateway.transcoding.entity.TranscoderState.IDLE;
            other.statuses().forEach((n, status) -> {
                if (state == idle ? status.state() != idle : status.state() == state) {
                    found.add(n);
                }
            });
        }
        return found;
    }

    /** The channel's live state: here, or on the node of the cluster that runs it. */
    public TranscoderStatus status(String nickname) {
        TranscoderStatus here = registry.status(nickname);
        Elsewhere other = elsewhere;
        if (other == null || here.state() == org.hlsgateway.transcoding.entity.TranscoderState.STARTING
                || here.state() == org.hlsgateway.transcoding.entity.TranscoderState.LIVE) {
            return here;
        }
        TranscoderStatus there = other.statuses().get(nickname);
        return there != null ? there : here;
    }

    /** This node's own status of the channel, never another node's (what the cluster publishes). */
    public TranscoderStatus localStatus(String nickname) {
        return registry.status(nickname);
    }

    public void stop(String nickname) {
        registry.stop(nickname);
    }

    /** Stops the channel's FFmpeg and waits until it is gone (delete, edit). */
    public void stopAndWait(String nickname) {
        try {
            registry.forget(nickname).get();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "stopping " + nickname, e);
        }
        Elsewhere other = elsewhere;
        if (other != null) {
            other.stop(nickname);
        }
    }

    public int stopIdle() {
        return registry.stopIdle();
    }

    public Optional<FfmpegLocator.Ffmpeg> ffmpeg() {
        return Optional.ofNullable(ffmpeg);
    }
}
