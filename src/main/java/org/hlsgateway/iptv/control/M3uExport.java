package org.hlsgateway.iptv.control;

import java.util.List;

/**
 * Writes channels as an extended M3U that IPTV players and {@link M3uImport} read, with the
 * gateway's own {@code hls-nickname} attribute so that an export can be imported again unchanged.
 */
public final class M3uExport {

    /** One channel to write; any value but the URL may be null. */
    public record Entry(String nickname, String name, String group, String logo, String tvgId, String tvgName,
                        String url) {
    }

    private M3uExport() {
    }

    /**
     * {@code #EXTM3U} then per entry {@code #EXTINF:-1 tvg-id="…" tvg-name="…" tvg-logo="…"
     * group-title="…" hls-nickname="…",Name} and the URL line. Attributes with null or empty values
     * are omitted; '"', CR and LF are removed from attribute values (and CR and LF from the URL);
     * CR and LF in the display name become spaces. Lines end with {@code \n}.
     */
    public static String write(List<Entry> entries) {
        StringBuilder m3u = new StringBuilder("#EXTM3U\n");
        for (Entry entry : entries) {
            m3u.append("#EXTINF:-1");
            attribute(m3u, "tvg-id", entry.tvgId());
            attribute(m3u, "tvg-name", entry.tvgName());
            attribute(m3u, "tvg-logo", entry.logo());
            attribute(m3u, "group-title", entry.group());
            attribute(m3u, "hls-nickname", entry.nickname());
            m3u.append(',').append(entry.name() == null ? "" : entry.name().replaceAll("[\r\n]", " ")).append('\n');
            m3u.append(entry.url() == null ? "" : entry.url().replaceAll("[\r\n]", "")).append('\n');
        }
        return m3u.toString();
    }

    private static void attribute(StringBuilder m3u, String key, String value) {
        String cleaned = value == null ? "" : value.replaceAll("[\"\r\n]", "");
        if (!cleaned.isEmpty()) {
            m3u.append(' ').append(key).append("=\"").append(cleaned).append('"');
        }
    }
}
