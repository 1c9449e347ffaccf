package org.hlsgateway.transcoding.control;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks and masks the input URL of a channel. Only network sources are accepted. */
public final class SourceUrl {

    public static final int MAX_LENGTH = 2048;
    public static final Set<String> SCHEMES =
            Set.of("rtsp", "rtsps", "rtmp", "rtmps", "srt", "http", "https", "udp", "rtp");
    private static final Set<String> HOSTLESS_ALLOWED = Set.of("udp", "rtp", "srt");

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
        try {
            new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url is not a valid URI: " + e.getReason());
        }
        if (host(url).isEmpty() && !HOSTLESS_ALLOWED.contains(scheme)) {
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

    /**
     * {@code rtsp://user:secret@host/x} becomes {@code rtsp://user:***@host/x}. Like FFmpeg, the
     * credentials run to the last {@code @} of the authority, so a password with {@code @} is masked whole.
     */
    public static String masked(String url) {
        int at = credentialsEnd(url);
        if (at < 0) {
            return url;
        }
        int start = url.indexOf("://") + 3;
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String shown = colon >= 0 ? userInfo.substring(0, colon) + ":***" : "***";
        return url.substring(0, start) + shown + url.substring(at);
    }

    /** True when the URL carries credentials. */
    public static boolean hasCredentials(String url) {
        return credentialsEnd(url) >= 0;
    }

    /** The host of the URL's authority without credentials and port; empty when there is none. */
    static String host(String url) {
        int start = url.indexOf("://") + 3;
        String authority = url.substring(start, authorityEnd(url, start));
        int at = authority.lastIndexOf('@');
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close > 1 ? hostPort.substring(1, close) : "";
        }
        int colon = hostPort.indexOf(':');
        return colon >= 0 ? hostPort.substring(0, colon) : hostPort;
    }

    /** Index of the {@code @} that ends the credentials, or -1. */
    private static int credentialsEnd(String url) {
        if (url == null || scheme(url) == null) {
            return -1;
        }
        int start = url.indexOf("://") + 3;
        int end = authorityEnd(url, start);
        int at = url.lastIndexOf('@', end - 1);
        return at >= start ? at : -1;
    }

    private static int authorityEnd(String url, int start) {
        int end = url.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = url.indexOf(c, start);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return end;
    }

    /** Removes every occurrence of a URL's credentials from a text such as an FFmpeg log line. */
    public static String scrub(String text, String url) {
        if (text == null) {
            return null;
        }
        String scrubbed = url != null && hasCredentials(url) ? text.replace(url, masked(url)) : text;
        // FFmpeg may print the URL in another form (a default port added, a sub-protocol's URL):
        // mask the password wherever it appears, then every user:password@ that follows a scheme
        String password = password(url);
        if (password != null && password.length() >= 3) {
            scrubbed = scrubbed.replace(password, "***");
        }
        return ANY_CREDENTIALS.matcher(scrubbed).replaceAll("$1$2:***@");
    }

    private static final Pattern ANY_CREDENTIALS =
            Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^:/@\\s]+):[^@\\s]*@");

    private static String password(String url) {
        int at = credentialsEnd(url);
        if (at < 0) {
            return null;
        }
        String userInfo = url.substring(url.indexOf("://") + 3, at);
        int colon = userInfo.indexOf(':');
        return colon < 0 ? null : userInfo.substring(colon + 1);
    }

    private static Iterable<String> sortedSchemes() {
        return SCHEMES.stream().sorted()::iterator;
    }

    /**
     * A source URL whose host name the gateway has looked up itself, for an FFmpeg that cannot: a
     * statically linked glibc build (the bundled one) crashes in its name lookup on any other glibc.
     * The URL then names the address; {@link #hostHeader()} keeps the name for HTTP's {@code Host}.
     * Names that only FFmpeg sees (a redirect, a playlist's absolute segment URLs on another host)
     * are not covered: such sources need a system FFmpeg.
     */
    public record Pinned(String url, String hostHeader) {

        /** True when the URL now names an address instead of a host name. */
        public boolean pinned() {
            return hostHeader != null;
        }
    }

    /** Looks up a host name; {@link InetAddress#getByName} in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress resolve(String host) throws UnknownHostException;
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** {@code url} with its host name replaced by the address {@code resolver} finds; unchanged when it names an address or no host. */
    public static Pinned pin(String url, Resolver resolver) throws UnknownHostException {
        int start = url.indexOf("://");
        if (start < 0) {
            return new Pinned(url, null);
        }
        start += 3;
        int end = authorityEnd(url, start);
        int hostStart = url.lastIndexOf('@', end - 1) >= start ? url.lastIndexOf('@', end - 1) + 1 : start;
        if (hostStart < end && url.charAt(hostStart) == '[') {
            return new Pinned(url, null); // an IPv6 address
        }
        int colon = url.indexOf(':', hostStart);
        int hostEnd = colon >= 0 && colon < end ? colon : end;
        String host = url.substring(hostStart, hostEnd);
        if (host.isEmpty() || IPV4.matcher(host).matches()) {
            return new Pinned(url, null);
        }
        InetAddress address = resolver.resolve(host);
        String literal = address instanceof Inet6Address ? "[" + address.getHostAddress().replaceAll("%.*", "") + "]"
                : address.getHostAddress();
        return new Pinned(url.substring(0, hostStart) + literal + url.substring(hostEnd), url.substring(hostStart, end));
    }


}
