package org.hlsgateway.transcoding.control;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A source URL whose host name the gateway has looked up itself, for an FFmpeg that cannot: a
 * statically linked glibc build (the bundled one) crashes in its name lookup on any other glibc.
 * The URL then names the address; {@link #hostHeader()} keeps the name for HTTP's {@code Host}.
 * Names that only FFmpeg sees (a redirect, a playlist's absolute segment URLs on another host)
 * are not covered: such sources need a system FFmpeg.
 */
public record PinnedHost(String url, String hostHeader) {

    /** Looks up a host name; {@link InetAddress#getByName} in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress resolve(String host) throws UnknownHostException;
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** {@code url} with its host name replaced by the address {@code resolver} finds; unchanged when it names an address or no host. */
    public static PinnedHost of(String url, Resolver resolver) throws UnknownHostException {
        int start = url.indexOf("://");
        if (start < 0) {
            return new PinnedHost(url, null);
        }
        start += 3;
        int end = authorityEnd(url, start);
        int hostStart = url.lastIndexOf('@', end - 1) >= start ? url.lastIndexOf('@', end - 1) + 1 : start;
        if (hostStart < end && url.charAt(hostStart) == '[') {
            return new PinnedHost(url, null); // an IPv6 address
        }
        int colon = url.indexOf(':', hostStart);
        int hostEnd = colon >= 0 && colon < end ? colon : end;
        String host = url.substring(hostStart, hostEnd);
        if (host.isEmpty() || IPV4.matcher(host).matches()) {
            return new PinnedHost(url, null);
        }
        InetAddress address = resolver.resolve(host);
        String literal = address instanceof Inet6Address ? "[" + address.getHostAddress().replaceAll("%.*", "") + "]"
                : address.getHostAddress();
        return new PinnedHost(url.substring(0, hostStart) + literal + url.substring(hostEnd), url.substring(hostStart, end));
    }

    /** True when the URL now names an address instead of a host name. */
    public boolean pinned() {
        return hostHeader != null;
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
}
