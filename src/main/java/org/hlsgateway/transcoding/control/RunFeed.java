package org.hlsgateway.transcoding.control;

import java.util.logging.Logger;
import org.hlsgateway.packaging.control.MalformedBoxException;
import org.hlsgateway.packaging.entity.Box;

/**
 * One run's boxes into its channel's packager: a stopping run's are dropped; each part restarts the stall clock, the
 * first one makes the run ready (a cold player is answered now, not after a whole segment); a broken stream is the
 * run's failure, as an FFmpeg exit is. Called on the run's stdout thread.
 */
final class RunFeed implements MediaPipe.Sink {

    private static final Logger LOG = Logger.getLogger(TranscoderRegistry.class.getName());

    private final LiveChannel channel;
    private final LiveSession session;
    private final TranscoderHandle handle;

    RunFeed(LiveChannel channel, LiveSession session, TranscoderHandle handle) {
        this.channel = channel;
        this.session = session;
        this.handle = handle;
    }

    @Override
    public boolean box(Box box) throws MalformedBoxException {
        return !handle.isStopping() && session.packager().accept(handle.run(), box);
    }

    @Override
    public void part() {
        session.partArrived(channel.registry().now());
        if (!handle.ready().isDone()) {
            synchronized (channel) {
                handle.firstPart();
            }
        }
    }

    @Override
    public void broken(String reason) {
        synchronized (channel) {
            if (handle.isStopping()) {
                return;
            }
            String why = "FFmpeg's fragmented MP4 is broken (" + reason + ")";
            LOG.warning(() -> "channel " + handle.nickname() + ": " + why);
            channel.failed(handle, StartFailedException.Kind.SOURCE_FAILED, why);
        }
    }

    @Override
    public void ended() {
        session.packager().endOfRun(handle.run());
    }
}
