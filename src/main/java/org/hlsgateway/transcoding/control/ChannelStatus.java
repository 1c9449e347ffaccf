package org.hlsgateway.transcoding.control;

import java.time.Instant;
import org.hlsgateway.transcoding.entity.InputStreams;
import org.hlsgateway.transcoding.entity.TranscoderState;
import org.hlsgateway.transcoding.entity.TranscoderStatus;

/** What the console and the API show of a channel: from its run, its session and its last failure. */
final class ChannelStatus {

    private ChannelStatus() {
    }

    /** {@code lastAccess} below 0: never accessed. */
    static TranscoderStatus of(TranscoderHandle run, LiveSession session, String failure, long lastAccess,
                               TranscoderRegistry registry) {
        Instant lastAccessAt = lastAccess < 0 ? null : Instant.ofEpochMilli(lastAccess);
        if (run == null) {
            if (session != null && session.retryAt() > 0) {
                long seconds = Math.max(0, (session.retryAt() - registry.now() + 999) / 1000);
                return TranscoderStatus.idle(session.failure() + " (restarting in " + seconds + " s)", lastAccessAt);
            }
            return TranscoderStatus.idle(failure, lastAccessAt);
        }
        TranscoderState state = run.isReady() ? TranscoderState.LIVE : TranscoderState.STARTING;
        String error = run.output().hasError() ? SourceUrl.scrub(run.output().lastError(), run.spec().url()) : failure;
        return new TranscoderStatus(state, error, run.startedAt(), lastAccessAt,
                run.viewers(registry.now(), registry.settings().idleTimeoutMillis()), run.process().pid(),
                run.packaged() ? packagedStreams(run, session) : RunOutput.streams(run));
    }

    /** A packaged run (LL-HLS): the bitrate measured from the packager's segments when the source did not say. */
    private static InputStreams packagedStreams(TranscoderHandle run, LiveSession session) {
        InputStreams streams = run.output().streams();
        ChannelPackager packager = session == null ? null : session.packager();
        return streams.bitrateKbps() != null || packager == null ? streams
                : streams.withMeasuredBitrate(packager.bitrateKbps().orElse(null));
    }
}
