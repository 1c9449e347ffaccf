package org.hlsgateway.playback.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.hlsgateway.config.GatewayConfig;

/**
 * Adds {@code Access-Control-Allow-Origin} ({@code HLS_ALLOW_ORIGIN}) to every watch
 * response, errors included, so that a player on another origin can read the status and message
 * ({@link ReadServlet} does the same for read).
 */
@Provider
public class CorsHeaders implements ContainerResponseFilter {

    @Inject
    GatewayConfig config; // not the transcoders' EJB: a container call per response

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("Access-Control-Allow-Origin", config.allowOrigin());
        response.getHeaders().putSingle("Access-Control-Expose-Headers", "Content-Length");
    }
}
