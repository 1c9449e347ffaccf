package org.hlsgateway.playback.boundary;

import io.netty.handler.codec.http.HttpHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.hlsgateway.playback.control.PlayerRequest;

/** A request of the media listener: its query, peer and headers; no login. */
record MediaRequest(Map<String, List<String>> parameters, String remoteAddress, HttpHeaders headers) implements PlayerRequest {

    @Override
    public String parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public HttpServletRequest servlet() {
        return null;
    }
}
