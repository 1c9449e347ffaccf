package org.hlsgateway.transcoding.control;

import java.util.concurrent.CompletableFuture;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * Replaces a channel's run with a new one (HEVC found, settings changed): the new FFmpeg starts at once,
 * the players waiting on the old run are handed to it, and the old one stops. The channel's window goes
 * on across the change. The old run is marked stopping first, so it never becomes ready and its
 * playlist is never merged again.
 */
final class RunReplacement {

    private RunReplacement() {
    }

    /**
     * Settings changed: watched, the run restarts at once with {@code spec}; otherwise the channel is forgotten. So is
     * a channel whose packaging changed (LL-HLS and MPEG-TS share no window): its players start again.
     */
    static void settingsChanged(LiveChannel channel, TranscodeSpec spec) {
        CompletableFuture<Void> forgotten;
        synchronized (channel) {
            TranscoderHandle old = channel.run();
            LiveSession current = channel.session();
            TranscoderRegistry.Settings settings = channel.registry().settings();
            if (old != null && current != null && channel.watched(channel.registry().now())
                    && settings.packaged(old.spec()) == settings.packaged(spec)) {
                channel.channelRuns().forgetHevc();
                current.use(spec);
                replace(channel, old, spec, false);
                return;
            }
            forgotten = channel.forget();
        }
        forgotten.join();
    }

    /** Called under the channel's lock. */
    static void replace(LiveChannel channel, TranscoderHandle old, TranscodeSpec spec, boolean fmp4) {
        if (!old.markStopping()) {
            return;
        }
        FfmpegRuns runs = channel.registry().runs();
        String scheme = SourceUrl.scheme(spec.url());
        if ("udp".equals(scheme) || "rtp".equals(scheme)) {
            // a UDP/RTP input owns its port: the new run can bind it only once the old one is gone
            // (a static FFmpeg starts fast enough to lose that race every time)
            runs.stop(old, null).whenComplete((stopped, error) -> {
                synchronized (channel) {
                    start(channel, old, spec, fmp4);
                }
            });
            return;
        }
        start(channel, old, spec, fmp4);
        // the old run's segments stay (in the window) until newer ones push them out
        runs.stop(old, null);
    }

    private static void start(LiveChannel channel, TranscoderHandle old, TranscodeSpec spec, boolean fmp4) {
        TranscoderHandle next;
        try {
            next = channel.launch(spec, fmp4);
        } catch (StartFailedException e) {
            channel.replaced(old, null);
            old.fail(e);
            channel.registry().runs().stop(old, old.directory());
            return;
        }
        next.touch(null, old.lastAccessMillis());
        channel.replaced(old, next);
        next.ready().whenComplete((ready, error) -> {
            if (error == null) {
                old.handOver(ready);
            } else {
                old.fail(error instanceof StartFailedException s ? s
                        : new StartFailedException(StartFailedException.Kind.SOURCE_FAILED, error.getMessage()));
            }
        });
    }
}
