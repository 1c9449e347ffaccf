package org.hlsgateway.playback.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Appends the player's token to every segment URI of a playlist, so players that drop query strings still work. */
public final class PlaylistRewriter {

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");

    private PlaylistRewriter() {
    }

    public static String withToken(String playlist, String token) {
        if (token == null || token.isEmpty()) {
            return playlist;
        }
        String query = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(playlist.length() + 256);
        for (String line : playlist.split("\n", -1)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                out.append(trimmed).append(trimmed.contains("?") ? '&' : '?').append(query);
            } else if (trimmed.startsWith("#") && URI_ATTRIBUTE.matcher(trimmed).find()) {
                // e.g. #EXT-X-MAP:URI="init.mp4" for fMP4 segments
                out.append(URI_ATTRIBUTE.matcher(trimmed).replaceAll(m -> "URI=\"" + Matcher.quoteReplacement(m.group(1))
                        + (m.group(1).contains("?") ? "&" : "?") + query + "\""));
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
