package org.hlsgateway.api;

import java.util.Set;

/**
 * The gateway's own base URL as the client sees it: from the request, or from
 * {@code X-Forwarded-Proto} / {@code X-Forwarded-Host} when the request comes from a trusted proxy.
 */
public final class PublicUrl {

    private PublicUrl() {
    }

    /** The base URL as the client of {@code request} sees it. */
    public static String base(jakarta.servlet.http.HttpServletRequest request, Set<String> trustedProxies) {
        return base(request.getScheme(), request.getServerName(), request.getServerPort(), request.getContextPath(),
                request.getRemoteAddr(), request.getHeader("X-Forwarded-Proto"), request.getHeader("X-Forwarded-Host"),
                trustedProxies);
    }

    /** E.g. {@code https://tv.example.org/hls_gateway}, without a trailing slash. */
    public static String base(String scheme, String host, int port, String contextPath, String remoteAddress,
                              String forwardedProto, String forwardedHost, Set<String> trustedProxies) {
        String s = scheme;
        String authority = host + (isDefaultPort(scheme, port) ? "" : ":" + port);
        if (remoteAddress != null && trustedProxies.contains(remoteAddress)) {
            if (forwardedProto != null && forwardedProto.matches("(?i)https?")) {
                s = forwardedProto.toLowerCase();
            }
            String first = forwardedHost == null ? null : forwardedHost.split(",")[0].trim();
            if (first != null && first.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?")) {
                authority = first;
            }
        }
        return s + "://" + authority + contextPath;
    }

    private static boolean isDefaultPort(String scheme, int port) {
        return ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    }
}
