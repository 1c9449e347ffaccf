package org.hlsgateway.api;

import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import org.hlsgateway.transcoding.control.StartFailedException;

/** Maps why a transcoder did not start to an HTTP status. */
public final class StartFailures {

    private StartFailures() {
    }

    /** The error answer: its status, its message, and {@code Retry-After} when the gateway knows when to come back. */
    public static Response response(StartFailedException e) {
        Response error = ErrorResponses.of(status(e), e.getMessage());
        if (e.retryAfterSeconds() <= 0) {
            return error;
        }
        return Response.fromResponse(error).header("Retry-After", e.retryAfterSeconds()).build();
    }

    /** The answer to a player whose wait for a start ended in {@code error} (a start failure, or anything else: 502). */
    public static Response response(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StartFailedException failed) {
            return response(failed);
        }
        return ErrorResponses.of(Response.Status.BAD_GATEWAY, "the transcoder failed: " + cause.getMessage());
    }

    public static Response.Status status(StartFailedException e) {
        return switch (e.kind()) {
            case SOURCE_FAILED, STALLED -> Response.Status.BAD_GATEWAY;
            case TIMEOUT -> Response.Status.GATEWAY_TIMEOUT;
            case UNAVAILABLE, RETRYING, BUSY -> Response.Status.SERVICE_UNAVAILABLE;
        };
    }
}
