package org.hlsgateway.transcoding.control;

import java.util.logging.Logger;
import org.hlsgateway.channels.control.SourceUrl;

/** What a channel's runs report (their threads call it), turned into the channel's transitions under its lock. */
final class RunEvents implements FfmpegRuns.Events {

    private static final Logger LOG = Logger.getLogger(TranscoderRegistry.class.getName());

    private final LiveChannel channel;

    RunEvents(LiveChannel channel) {
        this.channel = channel;
    }

    @Override
    public void started(TranscoderHandle handle) {
        channel.runStarted(handle);
    }

    @Override
    public void streamsKnown(TranscoderHandle handle) {
        if (!handle.fmp4() && handle.spec().video() == org.hlsgateway.channels.entity.VideoMode.COPY
                && "hevc".equals(handle.input().streams().videoCodec())) {
            channel.sendsHevc(handle); // found while writing MPEG-TS: start over with fMP4 segments at once
        }
    }

    @Override
    public void playlistChanged(TranscoderHandle handle) {
        channel.playlistChanged(handle);
    }

    @Override
    public void exited(TranscoderHandle handle, int code) {
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
        synchronized (channel) {
            if (handle.ready().isDone() || handle.isStopping() || handle.checkReady()) {
                return;
            }
            String last = handle.stderr().lastError();
            long seconds = channel.registry().settings().startTimeoutMillis() / 1000;
            String reason = "no segment within " + seconds + " s"
                    + (last == null ? "" : "; FFmpeg's last line: " + SourceUrl.scrub(last, handle.spec().url()));
            LOG.warning(() -> "channel " + handle.nickname() + ": " + reason);
            channel.failed(handle, StartFailedException.Kind.TIMEOUT, reason);
        }
    }
}
