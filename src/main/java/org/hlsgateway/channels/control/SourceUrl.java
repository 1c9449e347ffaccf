package org.hlsgateway.channels.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks and masks the input URL of a channel. Only network sources are accepted. */
public final class SourceUrl {

    public static final int MAX_LENGTH = 2048;
    public static final Set<String> SCHEMES =
            Set.of("rtsp", "rtsps", "rtmp", "rtmps", "srt", "http", "https", "udp", "rtp");
    private static final Set<String> HOSTLESS_ALLOWED = Set.of("udp", "rtp", "srt");
    private static final Pattern USERINFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@]*)@");

    private SourceUrl() {
    }

    /** Returns the reason {@code url} is not an acceptable source, or empty when it is. */
    public static Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("url is required, e.g. rtsp://camera.local:554/stream");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("url must be at most " + MAX_LENGTH + " characters");
        }
        if (url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return Optional.of("url must not contain spaces or control characters");
        }
        String scheme = scheme(url);
        if (scheme == null || !SCHEMES.contains(scheme)) {
            return Optional.of("url scheme must be one of " + String.join(", ", sortedSchemes())
                    + " (local files and FFmpeg pseudo-protocols are not allowed)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url is not a valid URI: " + e.getReason());
        }
        String host = uri.getHost() != null ? uri.getHost() : uri.getRawAuthority();
        boolean hasHost = host != null && !host.isBlank() && !host.startsWith("@") && !host.startsWith(":");
        if (!hasHost && !HOSTLESS_ALLOWED.contains(scheme)) {
            return Optional.of("url must name a host, e.g. " + scheme + "://camera.local/stream");
        }
        return Optional.empty();
    }

    /** The lower-case scheme of {@code url}, or null when it has none. */
    public static String scheme(String url) {
        int colon = url == null ? -1 : url.indexOf("://");
        if (colon <= 0) {
            return null;
        }
        String scheme = url.substring(0, colon);
        return scheme.matches("[A-Za-z][A-Za-z0-9+.-]*") ? scheme.toLowerCase(Locale.ROOT) : null;
    }

    /** {@code rtsp://user:secret@host/x} becomes {@code rtsp://user:***@host/x}. */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = USERINFO.matcher(url);
        if (!m.find()) {
            return url;
        }
        String userInfo = m.group(2);
        int colon = userInfo.indexOf(':');
        String shown = colon >= 0 ? userInfo.substring(0, colon) + ":***" : "***";
        return m.group(1) + shown + "@" + url.substring(m.end());
    }

    /** True when the URL carries credentials. */
    public static boolean hasCredentials(String url) {
        return url != null && USERINFO.matcher(url).find();
    }

    /** Removes every occurrence of a URL's credentials from a text such as an FFmpeg log line. */
    public static String scrub(String text, String url) {
        if (text == null || url == null || !hasCredentials(url)) {
            return text;
        }
        return text.replace(url, masked(url));
    }

    private static Iterable<String> sortedSchemes() {
        return SCHEMES.stream().sorted()::iterator;
    }
}
