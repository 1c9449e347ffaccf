package org.hlsgateway.playback.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The HTML player a browser gets at the watch URL: a {@code <video>} fed by hls.js or native HLS. */
public final class PlayerPage {

    private static final String TEMPLATE = load();

    private PlayerPage() {
    }

    public static String render(String contextPath, String hlsJsVersion, String nickname, String title, String source) {
        return render(contextPath, hlsJsVersion, nickname, title, source, source, false);
    }

    /**
     * @param source the playlist URL shown for other players (the watch URL)
     * @param playerSource what the page's player loads
     * @param lowLatency the channel is served as LL-HLS ({@code HLS_LL}): hls.js plays it in low-latency mode
     */
    public static String render(String contextPath, String hlsJsVersion, String nickname, String title, String source,
                                String playerSource, boolean lowLatency) {
        return TEMPLATE
                .replace("{{lowLatency}}", Boolean.toString(lowLatency))
                .replace("{{playerSource}}", escape(playerSource))
                .replace("{{context}}", escape(contextPath))
                .replace("{{hlsjs}}", escape(hlsJsVersion))
                .replace("{{nickname}}", escape(nickname))
                .replace("{{title}}", escape(title))
                .replace("{{source}}", escape(source));
    }

    /** A small page with a message, for browsers that may not watch. */
    public static String message(String contextPath, String title, String text) {
        return message(contextPath, title, text, null);
    }

    /** As {@link #message(String, String, String)}; its Log in link returns to {@code next} (a path in the gateway). */
    public static String message(String contextPath, String title, String text, String next) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " · HLS Gateway</title><link rel=\"stylesheet\" href=\"" + escape(contextPath)
                + "/resources/css/player.css\"></head><body><main><h1>" + escape(title) + "</h1><p id=\"message\">"
                + escape(text) + "</p><p class=\"links\"><a href=\"" + escape(contextPath)
                + "/login.xhtml" + (next == null ? "" : "?next=" + escape(java.net.URLEncoder.encode(next,
                java.nio.charset.StandardCharsets.UTF_8))) + "\">Log in</a> · <a href=\"" + escape(contextPath) + "/\">All channels</a></p></main></body></html>";
    }

    /** HTML-escapes text for element content and double-quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String load() {
        try (InputStream in = PlayerPage.class.getResourceAsStream("player.html")) {
            if (in == null) {
                throw new IllegalStateException("player.html is missing from the WAR");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
