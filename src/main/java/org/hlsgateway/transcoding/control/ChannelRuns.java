package org.hlsgateway.transcoding.control;

import java.util.logging.Logger;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * Starts a channel's runs and hears what they report (on their own threads), turned into the channel's
 * transitions under its lock. Owns the HEVC switch: a source found to send HEVC gets fMP4 segments.
 */
final class ChannelRuns implements FfmpegRuns.Events {

    private static final Logger LOG = Logger.getLogger(TranscoderRegistry.class.getName());

    private final LiveChannel channel;

    /** Channels whose source turned out to send HEVC: they start with fMP4 segments from then on. */
    private volatile boolean hevc;

    ChannelRuns(LiveChannel channel) {
        this.channel = channel;
    }

    void forgetHevc() {
        hevc = false;
    }

    /** Starts a run of {@code spec}: fMP4 segments when asked or when the source is known to send HEVC. */
    TranscoderHandle launch(TranscodeSpec spec, boolean fmp4) {
        boolean useFmp4 = fmp4 || (spec.video() == org.hlsgateway.transcoding.entity.VideoMode.COPY && hevc);
        TranscoderRegistry registry = channel.registry();
        TranscoderHandle handle;
        try {
            handle = registry.runs().start(spec, useFmp4, this);
        } catch (StartFailedException e) {
            if (e.kind() != StartFailedException.Kind.BUSY) {
                channel.startResult(e.getMessage());
            }
            throw e;
        }
        LiveSession session = channel.session();
        handle.ready().thenAccept(h -> {
            long now = registry.now();
            registry.listener().firstSegment(h.nickname(), now - h.startedAt().toEpochMilli());
            session.merge(h, now);
            session.worked();
            channel.startResult(null);
            h.touch(null, now); // the player gets a full idle window to fetch the playlist
        });
        return handle;
    }

    @Override
    public void started(TranscoderHandle handle) {
        channel.join(handle);
    }

    @Override
    public void streamsKnown(TranscoderHandle handle) {
        if (!handle.fmp4() && handle.spec().video() == org.hlsgateway.transcoding.entity.VideoMode.COPY
                && "hevc".equals(handle.output().streams().videoCodec())) {
            synchronized (channel) { // found while writing MPEG-TS: start over with fMP4 segments at once
                hevc = true;
                LOG.info(() -> "channel " + handle.nickname() + " sends HEVC: restarting with fMP4 segments");
                RunReplacement.replace(channel, handle, handle.spec(), true);
            }
        }
    }

    @Override
    public void media(TranscoderHandle handle, java.io.InputStream stdout) {
        LiveSession session = channel.session();
        if (session == null || session.packager() == null) {
            MediaPipe.follow(stdout, handle.nickname(), MediaPipe.DROP); // the session ended already
            return;
        }
        MediaPipe.follow(stdout, handle.nickname(), new RunFeed(channel, session, handle));
    }

    @Override
    public void playlistChanged(TranscoderHandle handle) {
        channel.playlistChanged(handle);
    }

    @Override
    public void exited(TranscoderHandle handle, int code) {
        if (handle.isStopping()) {
            return; // stopped on purpose: nothing to decide, and no wait for the channel's lock
        }
        synchronized (channel) {
            if (handle.isStopping()) {
                return;
            }
            String reason = FfmpegOutput.exitReason(handle, code, channel.registry().now());
            LOG.warning(() -> "FFmpeg for channel " + handle.nickname() + " exited with code " + code + ": " + reason);
            channel.failed(handle, StartFailedException.Kind.SOURCE_FAILED, reason);
        }
    }

    @Override
    public void startTimeout(TranscoderHandle handle) {
        if (handle.ready().isDone() || handle.isStopping()) {
            return;
        }
        synchronized (channel) {
            if (handle.ready().isDone() || handle.isStopping() || handle.checkReady()) {
                return;
            }
            String last = handle.output().lastError();
            long seconds = channel.registry().settings().startTimeoutMillis() / 1000;
            String reason = "no segment within " + seconds + " s"
                    + (last == null ? "" : "; FFmpeg's last line: " + SourceUrl.scrub(last, handle.spec().url()));
            LOG.warning(() -> "channel " + handle.nickname() + ": " + reason);
            channel.failed(handle, StartFailedException.Kind.TIMEOUT, reason);
        }
    }
}
