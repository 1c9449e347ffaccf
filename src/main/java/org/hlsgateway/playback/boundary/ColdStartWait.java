package org.hlsgateway.playback.boundary;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.api.ServletAnswers;
import org.hlsgateway.transcoding.control.TranscoderHandle;

/**
 * A playlist request for a cold channel: it waits, without a thread, until FFmpeg lists its first
 * segment, and is answered once, whichever comes first: the playlist, the failure or the time limit.
 */
final class ColdStartWait {

    private static final Logger LOG = Logger.getLogger(ReadServlet.class.getName());

    private final AsyncContext async;
    private final AtomicBoolean answered = new AtomicBoolean();

    private ColdStartWait(AsyncContext async) {
        this.async = async;
    }

    /** Suspends {@code request} until {@code handle} is ready; then it gets {@code onReady}'s answer. */
    static void start(Playback playback, TranscoderHandle handle, HttpServletRequest request, Supplier<Response> onReady) {
        AsyncContext async = request.startAsync();
        async.setTimeout(TimeUnit.SECONDS.toMillis(playback.waitLimitSeconds()));
        ColdStartWait wait = new ColdStartWait(async);
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                wait.answer(playback.waitTimedOut());
            }

            @Override
            public void onComplete(AsyncEvent event) {
                wait.answered.set(true);
            }

            @Override
            public void onError(AsyncEvent event) {
                wait.answered.set(true);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // nothing to do
            }
        });
        playback.answerWhenReady(handle, wait::answer, ready -> onReady.get());
    }

    private void answer(Response answer) {
        if (!answered.compareAndSet(false, true)) {
            return; // timed out or the player went away meanwhile
        }
        try {
            ServletAnswers.send(BrowserPages.forClient(answer, (HttpServletRequest) async.getRequest()),
                    (HttpServletResponse) async.getResponse());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "a waiting player went away", e);
        } finally {
            async.complete();
        }
    }
}
