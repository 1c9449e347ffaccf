package org.hlsgateway.security.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.hlsgateway.api.ErrorResponses;

/**
 * The one filter in front of every request (one filter, not two, on the media hot path too):
 * <ul>
 * <li>Headers on every response: no MIME sniffing, no framing by other sites, and a restrictive
 * Content-Security-Policy. Faces pages keep inline scripts to PrimeFaces' own nonce policy
 * ({@code primefaces.CSP}); everything else may run scripts from the gateway only.</li>
 * <li>Cross-site request forgery defence in front of the console and the API: a changing request
 * whose {@code Origin} is another site is refused, and a console form posted without its view
 * state (the form's token) is refused before Faces sees it. A forged view state or a missing PrimeFaces
 * nonce ends in the Faces exception handler ({@link ExpiredFormHandlerFactory}), also with 403.</li>
 * </ul>
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityFilter extends HttpFilter {

    /** The policy of every answer that is not a console page (the media listener's too). */
    public static final String STRICT = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** PrimeFaces adds a second header with script nonces; browsers enforce both. */
    static final String FACES = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "media-src 'self' blob:; worker-src 'self' blob:; " // the camera wall plays hls.js (MSE blob URLs)
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy", isFacesPage(path) ? FACES : STRICT);
        if (!SAFE.contains(request.getMethod()) && crossSite(request, response, path)) {
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isFacesPage(String path) {
        return path.endsWith(".xhtml") || path.endsWith("/") || path.isEmpty() || path.equals("/wall");
    }

    /** A changing request from another site, or a console form without its token: refused (true). */
    private static boolean crossSite(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException {
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request)) {
            refuse(response, "cross-site request refused: Origin " + printable(origin) + " is not this gateway");
            return true;
        }
        if (request.getCharacterEncoding() == null) {
            request.setCharacterEncoding("UTF-8"); // before the parameters are read below
        }
        if (isFacesForm(path, request) && request.getParameter("jakarta.faces.ViewState") == null) {
            refuse(response, "the form token (view state) is missing: reload the page and submit the form again");
            return true;
        }
        return false;
    }

    private static boolean isFacesForm(String path, HttpServletRequest request) {
        String type = request.getContentType();
        boolean facesPath = path.endsWith(".xhtml") || path.endsWith("/");
        return facesPath && type != null && (type.startsWith("application/x-www-form-urlencoded")
                || type.startsWith("multipart/form-data"));
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin);
            int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            String host = request.getHeader("Host");
            String expected = host != null ? host : request.getServerName() + ":" + request.getServerPort();
            String actual = uri.getHost() + ":" + port;
            String expectedWithPort = expected.contains(":") ? expected
                    : expected + ":" + ("https".equals(request.getScheme()) ? 443 : 80);
            return actual.equalsIgnoreCase(expectedWithPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 100 ? text.substring(0, 100) + "…" : text;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static void refuse(HttpServletResponse response, String message) throws IOException {
        ErrorResponses.write(response, HttpServletResponse.SC_FORBIDDEN, message);
    }
}
