package org.hlsgateway.api;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.hlsgateway.database.control.DatabaseUnavailableException;

/** The answer while the database cannot be reached: 503, {@code Retry-After} and the error body saying so. */
public final class DatabaseAnswers {

    private DatabaseAnswers() {
    }

    public static Response unavailable() {
        Response body = ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE, DatabaseUnavailableException.MESSAGE);
        return Response.fromResponse(body)
                .header("Retry-After", DatabaseUnavailableException.RETRY_AFTER_SECONDS)
                .header("Cache-Control", "no-store").build();
    }

    /** The same through a plain servlet response (servlets, error pages). */
    public static void write(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", String.valueOf(DatabaseUnavailableException.RETRY_AFTER_SECONDS));
        response.setHeader("Cache-Control", "no-store");
        ErrorResponses.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, DatabaseUnavailableException.MESSAGE);
    }
}
