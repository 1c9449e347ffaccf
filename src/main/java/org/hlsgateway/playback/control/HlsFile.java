package org.hlsgateway.playback.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file name a player may ask for under {@code /read/{nickname}/}: the playlist or one of
 * FFmpeg's segments. Anything else is refused before it can reach the file system. A playlist's URIs carry
 * the player's token ({@link #withToken}).
 */
public record HlsFile(String name, Kind kind) {

    /** What the file is, with the headers that go with it. */
    public enum Kind {
        PLAYLIST("application/vnd.apple.mpegurl", "no-cache"),
        SEGMENT("video/mp2t", "public, max-age=3600, immutable"),
        /** fMP4 media segment (HEVC sources). */
        FRAGMENT("video/iso.segment", "public, max-age=3600, immutable"),
        /** fMP4 initialization segment. */
        INIT("video/mp4", "public, max-age=3600, immutable"),
        /** A still of the latest segment, for the console. */
        PREVIEW("image/jpeg", "no-cache"),
        /** LL-HLS (the gateway's packager): the init section of a discontinuity, {@code init<d>.mp4}. */
        LL_INIT("video/mp4", "public, max-age=60"),
        /** LL-HLS: a whole segment, {@code seg<msn>.m4s}. */
        LL_SEGMENT("video/iso.segment", "public, max-age=60"),
        /** LL-HLS: a part, {@code part<n>.m4s}, numbered across segments. */
        LL_PART("video/iso.segment", "public, max-age=60");

        private final String contentType;
        private final String cacheControl;
        private final jakarta.ws.rs.core.MediaType mediaType;

        Kind(String contentType, String cacheControl) {
            this.contentType = contentType;
            this.cacheControl = cacheControl;
            String[] type = contentType.split("/"); // no parameters in these; no JAX-RS runtime needed to build it
            this.mediaType = new jakarta.ws.rs.core.MediaType(type[0], type[1]);
        }

        /** {@link #contentType()} parsed once: an answer per request need not parse it again. */
        public jakarta.ws.rs.core.MediaType mediaType() {
            return mediaType;
        }

        public String contentType() {
            return contentType;
        }

        public String cacheControl() {
            return cacheControl;
        }
    }

    public static final String PLAYLIST = "index.m3u8";
    public static final String PREVIEW = "preview.jpg";
    /** FFmpeg writes {@code <run>-<n>.ts}; the run token keeps names unique across restarts. */
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]{1,16}-[0-9]{1,10}\\.ts");
    private static final Pattern FRAGMENT = Pattern.compile("[a-z0-9]{1,16}-[0-9]{1,10}\\.m4s");
    private static final Pattern INIT = Pattern.compile("[a-z0-9]{1,16}-init\\.mp4");
    /** The packager's names (LL-HLS): a kind and a number of up to 18 digits. */
    static final Pattern LL = Pattern.compile("(init|seg|part)([0-9]{1,18})\\.(mp4|m4s)");

    public static Optional<HlsFile> parse(String name) {
        Kind packaged = packagedKind(name); // the most asked for (parts), checked first and without a regex
        if (packaged != null) {
            return Optional.of(new HlsFile(name, packaged));
        }
        if (PLAYLIST.equals(name)) {
            return Optional.of(new HlsFile(name, Kind.PLAYLIST));
        }
        if (PREVIEW.equals(name)) {
            return Optional.of(new HlsFile(name, Kind.PREVIEW));
        }
        if (name != null && name.length() <= 40 && SEGMENT.matcher(name).matches()) {
            return Optional.of(new HlsFile(name, Kind.SEGMENT));
        }
        if (name != null && name.length() <= 40 && FRAGMENT.matcher(name).matches()) {
            return Optional.of(new HlsFile(name, Kind.FRAGMENT));
        }
        if (name != null && name.length() <= 40 && INIT.matcher(name).matches()) {
            return Optional.of(new HlsFile(name, Kind.INIT));
        }
        return Optional.empty();
    }

    /** True for the names of the gateway's packager (LL-HLS), which are served from memory. */
    public boolean packaged() {
        return kind == Kind.LL_INIT || kind == Kind.LL_SEGMENT || kind == Kind.LL_PART;
    }

    /** The number in a packager's name: the discontinuity, media sequence or part number. */
    public long number() {
        if (!packaged()) {
            throw new IllegalStateException(name + " has no packager's number");
        }
        int from = name.startsWith("seg") ? 3 : 4;
        return Long.parseLong(name, from, name.length() - 4, 10);
    }

    /**
     * The kind of a packager's name, {@code init<d>.mp4}, {@code seg<msn>.m4s} or {@code part<n>.m4s} (1 to 18
     * digits); null for any other name. The same rule as {@link #LL}, without a regular expression.
     */
    static Kind packagedKind(String name) {
        if (name == null || name.length() > 40) {
            return null;
        }
        Kind kind;
        int from;
        if (name.startsWith("part")) {
            kind = Kind.LL_PART;
            from = 4;
        } else if (name.startsWith("seg")) {
            kind = Kind.LL_SEGMENT;
            from = 3;
        } else if (name.startsWith("init")) {
            kind = Kind.LL_INIT;
            from = 4;
        } else {
            return null;
        }
        int end = name.length() - 4;
        if (end - from < 1 || end - from > 18 || !name.endsWith(kind == Kind.LL_INIT ? ".mp4" : ".m4s")) {
            return null;
        }
        for (int i = from; i < end; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return kind;
    }

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");

    /** {@code playlist} with the player's token on every URI, so players that drop query strings still work. */
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
