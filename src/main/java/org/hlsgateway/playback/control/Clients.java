package org.hlsgateway.playback.control;

import java.util.Locale;

/** Names the client behind a request, to count distinct viewers. */
public final class Clients {

    private Clients() {
    }

    /** Address plus user agent: two players behind one NAT still count as two. */
    public static String key(String remoteAddress, String userAgent) {
        String agent = userAgent == null ? "" : userAgent;
        return (remoteAddress == null ? "?" : remoteAddress) + "|" + Integer.toHexString(agent.hashCode());
    }

    /**
     * True when the Accept header asks for HTML ahead of anything else, as a browser's
     * navigation does; players (hls.js, VLC, ExoPlayer, AVPlayer) send {@code *}{@code /*} or nothing.
     */
    public static boolean prefersHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double html = 0;
        double other = 0;
        for (String part : accept.split(",")) {
            String[] pieces = part.trim().split(";");
            String type = pieces[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(pieces);
            if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                html = Math.max(html, q);
            } else if (!type.isEmpty()) {
                other = Math.max(other, q);
            }
        }
        return html > 0 && html >= other;
    }

    private static double quality(String[] pieces) {
        for (int i = 1; i < pieces.length; i++) {
            String param = pieces[i].trim();
            if (param.startsWith("q=")) {
                try {
                    return Double.parseDouble(param.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1.0;
    }
}
