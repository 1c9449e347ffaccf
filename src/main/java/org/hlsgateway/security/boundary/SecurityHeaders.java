package org.hlsgateway.security.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers on every response: no MIME sniffing, no framing by other sites, and a restrictive
 * Content-Security-Policy. Faces pages keep inline scripts to PrimeFaces' own nonce policy
 * ({@code primefaces.CSP}); everything else may run scripts from the gateway only.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    static final String STRICT = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** PrimeFaces adds a second header with script nonces; browsers enforce both. */
    static final String FACES = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "media-src 'self' blob:; worker-src 'self' blob:; " // the camera wall plays hls.js (MSE blob URLs)
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy", isFacesPage(path) ? FACES : STRICT);
        chain.doFilter(request, response);
    }

    private static boolean isFacesPage(String path) {
        return path.endsWith(".xhtml") || path.endsWith("/") || path.isEmpty() || path.equals("/wall");
    }
}
