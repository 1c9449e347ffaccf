package org.hlsgateway.playback.control;

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
        for (String part : accept.split(",")) {
            String[] pieces = part.trim().split(";");
            String type = pieces[0].trim().toLowerCase();
            double q = 1.0;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if ((type.equals("text/html") || type.equals("application/xhtml+xml")) && q > 0) {
                return true;
            }
        }
        return false;
    }
}
