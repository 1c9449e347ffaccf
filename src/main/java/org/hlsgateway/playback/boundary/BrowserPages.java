package org.hlsgateway.playback.boundary;

import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.hlsgateway.playback.control.Clients;
import org.hlsgateway.playback.control.PlayerPage;

/**
 * Error answers of {@code watch} and {@code read} for a person: a browser that navigates to one
 * ({@code Accept: text/html} first) gets a page with the same status, headers and message that a
 * player or an API client gets as JSON.
 */
final class BrowserPages {

    private BrowserPages() {
    }

    /** {@code answer} as a page when it is an error with a message and the request prefers HTML; else unchanged. */
    static Response forClient(Response answer, HttpServletRequest request) {
        if (answer.getStatus() < 400 || !(answer.getEntity() instanceof JsonObject)
                || !Clients.prefersHtml(request.getHeader("Accept"))) {
            return answer;
        }
        return page(answer, title(answer.getStatus()), request);
    }

    /** The JSON error answer as a page: the same status, headers (Retry-After) and message. */
    static Response page(Response error, String title, HttpServletRequest request) {
        String message = ((JsonObject) error.getEntity()).getString("message", "the request failed");
        Response.ResponseBuilder page = Response.status(error.getStatus())
                .entity(PlayerPage.message(request.getContextPath(), title, message,
                        request.getRequestURI().substring(request.getContextPath().length())))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"));
        for (Map.Entry<String, List<String>> header : error.getStringHeaders().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Content-Type")) {
                header.getValue().forEach(value -> page.header(header.getKey(), value));
            }
        }
        return page.build();
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401, 403 -> "Not allowed";
            case 404, 410 -> "Not found";
            case 502 -> "The source failed";
            case 503 -> "Not available right now";
            case 504 -> "The source is too slow";
            default -> "Something went wrong";
        };
    }
}
