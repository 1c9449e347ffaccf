package org.hlsgateway.playback.boundary;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.api.ServletAnswers;

/**
 * A request answered later without a thread of its own (a cold start's first playlist; LL-HLS: a blocking playlist
 * reload, the preload-hinted part): the servlet request is suspended until its answer's future completes or its time is up, and answered
 * once, whichever comes first. The answer is written on the responder, never on the thread that completed the future
 * (the packager's reader).
 */
final class AsyncAnswer {

    private static final Logger LOG = Logger.getLogger(ReadServlet.class.getName());

    private final AsyncContext async;
    private final AtomicBoolean answered = new AtomicBoolean();

    private AsyncAnswer(AsyncContext async) {
        this.async = async;
    }

    static void start(HttpServletRequest request, Deferred deferred, Executor responder) {
        AsyncContext async = request.startAsync();
        async.setTimeout(deferred.timeoutMillis());
        AsyncAnswer wait = new AsyncAnswer(async);
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                wait.answer(deferred.onTimeout());
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
        deferred.later().whenCompleteAsync((answer, error) -> {
            if (error != null) {
                LOG.log(Level.WARNING, "could not answer a waiting player", error);
            }
            wait.answer(error == null ? answer : ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR,
                    "internal error; the server log has the details"));
        }, responder);
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

    /**
     * An answer now ({@code now}), or later: {@code later}'s, unless {@code timeoutMillis} pass first, then
     * {@code onTimeout}.
     */
    record Deferred(Response now, CompletableFuture<Response> later, long timeoutMillis,
                    java.util.function.Supplier<Response> timedOut) {

        static Deferred of(Response now) {
            return new Deferred(now, null, 0, null);
        }

        /** {@code onTimeout} is built only when the time is up (most answers never need it). */
        static Deferred later(CompletableFuture<Response> later, long timeoutMillis,
                              java.util.function.Supplier<Response> onTimeout) {
            return later.isDone() && !later.isCompletedExceptionally() ? of(later.join())
                    : new Deferred(null, later, timeoutMillis, onTimeout);
        }

        Response onTimeout() {
            return timedOut.get();
        }
    }
}
