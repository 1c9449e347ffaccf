package org.hlsgateway.api;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Writes an answer built as a JAX-RS {@link Response} (the gateway's error shape) through a plain servlet response. */
public final class ServletAnswers {

    private ServletAnswers() {
    }

    public static void send(Response answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.getStatus());
        for (Map.Entry<String, List<String>> header : answer.getStringHeaders().entrySet()) {
            for (String value : header.getValue()) {
                response.addHeader(header.getKey(), value);
            }
        }
        Object entity = answer.getEntity();
        if (entity == null) {
            return;
        }
        byte[] body = entity instanceof byte[] bytes ? bytes : entity.toString().getBytes(StandardCharsets.UTF_8);
        if (answer.getMediaType() != null) {
            response.setContentType(answer.getMediaType().toString());
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
