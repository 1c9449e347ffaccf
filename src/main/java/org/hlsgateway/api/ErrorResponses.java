package org.hlsgateway.api;

import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The one shape of every error the gateway answers: {@code {"status":400,"message":"...","errors":[...]}}. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /** The same error body for code outside JAX-RS (filters, servlets, the authentication mechanism). */
    public static void write(jakarta.servlet.http.HttpServletResponse response, int status, String message)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.getWriter().write(JsonBuilders.object().add("status", status).add("message", message)
                .add("errors", JsonBuilders.array()).build().toString());
    }

    public static Response of(Response.StatusType status, String message) {
        return of(status, message, List.of());
    }

    public static Response of(Response.StatusType status, String message, List<FieldError> errors) {
        JsonArrayBuilder fields = JsonBuilders.array();
        errors.forEach(e -> fields.add(JsonBuilders.object().add("field", e.field()).add("message", e.message())));
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .entity(JsonBuilders.object()
                        .add("status", status.getStatusCode())
                        .add("message", message)
                        .add("errors", fields)
                        .build())
                .build();
    }
}
