package org.hlsgateway.cluster.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The players whose playlist requests an edge answered from a fetch another player's request started: per channel,
 * their addresses until the next fetch tells the owner ({@code X-HLS-Also}). Bounded: at most {@link #MAX} addresses
 * per channel and fetch, each an IP address as the container reports it.
 */
public final class PlaylistSharers {

    public static final int MAX = 256;
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.\\[\\]%a-zA-Z_-]{1,64}");

    private final Map<String, Set<String>> waiting = new ConcurrentHashMap<>();

    /** A player of {@code nickname} at {@code address} shared a fetch. */
    public void add(String nickname, String address) {
        if (nickname == null || address == null || !ADDRESS.matcher(address).matches()) {
            return;
        }
        waiting.compute(nickname, (n, set) -> {
            Set<String> now = set == null ? new LinkedHashSet<>() : set;
            if (now.size() < MAX) {
                now.add(address);
            }
            return now;
        });
    }

    /** The addresses waiting for {@code nickname}, comma-separated ("" for none); they are forgotten here. */
    public String drain(String nickname) {
        Set<String> taken = nickname == null ? null : waiting.remove(nickname);
        return taken == null ? "" : String.join(",", taken);
    }

    /** The addresses of an {@code X-HLS-Also} header; what is not an address is left out, and at most {@link #MAX}. */
    public static List<String> parse(String header) {
        List<String> addresses = new ArrayList<>();
        if (header == null) {
            return addresses;
        }
        for (String one : header.split(",", MAX + 1)) {
            String address = one.trim();
            if (addresses.size() < MAX && ADDRESS.matcher(address).matches()) {
                addresses.add(address);
            }
        }
        return addresses;
    }
}
