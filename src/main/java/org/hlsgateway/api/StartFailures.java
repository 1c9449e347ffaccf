package org.hlsgateway.api;

import jakarta.ws.rs.core.Response;
import org.hlsgateway.transcoding.control.StartFailedException;

/** Maps why a transcoder did not start to an HTTP status. */
public final class StartFailures {

    private StartFailures() {
    }

    public static Response.Status status(StartFailedException e) {
        return switch (e.kind()) {
            case SOURCE_FAILED -> Response.Status.BAD_GATEWAY;
            case TIMEOUT -> Response.Status.GATEWAY_TIMEOUT;
            case UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
        };
    }
}
