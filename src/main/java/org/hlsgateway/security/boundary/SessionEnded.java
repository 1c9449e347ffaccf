package org.hlsgateway.security.boundary;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An ajax post of the console (Save, the list's poll) after the session ended: Faces' own partial
 * response that sends the page to the login, which says the session ended and returns to the page
 * the user was on. A plain 302 would be followed by the XMLHttpRequest itself and never be seen.
 */
final class SessionEnded {

    private SessionEnded() {
    }

    static AuthenticationStatus answerAjax(HttpServletRequest request, HttpServletResponse response) {
        String context = request.getContextPath();
        String login = context + "/login.xhtml?expired=true&next=" + URLEncoder.encode(page(request), StandardCharsets.UTF_8);
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/xml;charset=utf-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + login.replace("&", "&amp;").replace("\"", "&quot;") + "\"/></partial-response>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /**
     * The page inside the gateway the user had open: the Referer's path and query when it is this
     * gateway's (it keeps {@code ?nickname=} of an edit form), else the posted URI.
     */
    static String page(HttpServletRequest request) {
        String context = request.getContextPath();
        String posted = request.getRequestURI().substring(context.length());
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return posted;
        }
        try {
            URI uri = URI.create(referer);
            String host = request.getHeader("Host");
            String path = uri.getRawPath();
            if (host != null && host.equalsIgnoreCase(uri.getRawAuthority()) && path != null && path.startsWith(context + "/")) {
                return path.substring(context.length()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            }
        } catch (IllegalArgumentException e) {
            // not a URI: the posted page will do
        }
        return posted;
    }
}
