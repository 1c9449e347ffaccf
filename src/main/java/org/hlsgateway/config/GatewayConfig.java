package org.hlsgateway.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Every setting of the gateway, read once from the environment (or, for tests and
 * servers that prefer it, a JVM system property of the same name). Each has a default;
 * the README's configuration table lists them.
 */
public record GatewayConfig(
        Path dataDir,
        Path workDir,
        int idleTimeoutSeconds,
        int startTimeoutSeconds,
        int segmentSeconds,
        int playlistSize,
        int sourceTimeoutSeconds,
        int maxTranscoders,
        String allowOrigin,
        String ffmpegPath,
        String bundledFfmpeg,
        String adminPassword,
        String tokenSecret,
        boolean publicByDefault,
        int tokenTtlSeconds,
        int sessionTimeoutMinutes,
        int loginFreeFailures,
        java.util.Set<String> trustedProxies,
        String tokenSecretPrevious,
        int tokenMaxTtlViewerSeconds,
        boolean lowLatency,
        int mediaPort,
        String mediaAddress,
        String mediaUrl,
        String cluster,
        String nodeUrl,
        String clusterSecret) {

    public static GatewayConfig fromEnvironment() {
        return from(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        });
    }

    public static GatewayConfig from(Map<String, String> values) {
        return from(values::get);
    }

    static GatewayConfig from(Function<String, String> source) {
        Path dataDir = Path.of(text(source, "HLS_DATA_DIR", "data")).toAbsolutePath();
        Path workDir = Path.of(text(source, "HLS_WORK_DIR", dataDir.resolve("hls").toString())).toAbsolutePath();
        return new GatewayConfig(
                dataDir,
                workDir,
                number(source, "HLS_IDLE_TIMEOUT", 10, 1, 86_400),
                number(source, "HLS_START_TIMEOUT", 15, 1, 600),
                number(source, "HLS_SEGMENT_SECONDS", 1, 1, 30),
                number(source, "HLS_PLAYLIST_SIZE", 6, 2, 100),
                number(source, "HLS_SOURCE_TIMEOUT", 5, 1, 300),
                number(source, "HLS_MAX_TRANSCODERS", 100, 1, 10_000),
                text(source, "HLS_ALLOW_ORIGIN", "*"),
                text(source, "FFMPEG_PATH", ""),
                text(source, "HLS_BUNDLED_FFMPEG", ""),
                text(source, "HLS_ADMIN_PASSWORD", ""),
                text(source, "HLS_TOKEN_SECRET", ""),
                playbackDefault(text(source, "HLS_PLAYBACK_DEFAULT", "protected")),
                number(source, "HLS_TOKEN_TTL", 3600, 10, 31_536_000),
                number(source, "HLS_SESSION_TIMEOUT", 30, 1, 1440),
                number(source, "HLS_LOGIN_MAX_FAILURES", 5, 1, 1000),
                java.util.Set.of(text(source, "HLS_TRUSTED_PROXIES", "").split("\\s*,\\s*")).stream()
                        .filter(s -> !s.isBlank()).collect(java.util.stream.Collectors.toUnmodifiableSet()),
                text(source, "HLS_TOKEN_SECRET_PREVIOUS", ""),
                number(source, "HLS_TOKEN_MAX_TTL_VIEWER", 86_400, 10, 31_536_000),
                onOff(source, "HLS_LL", true),
                number(source, "HLS_MEDIA_PORT", 0, 0, 65_535),
                text(source, "HLS_MEDIA_ADDRESS", "0.0.0.0"),
                mediaUrl(text(source, "HLS_MEDIA_URL", "")),
                text(source, "HLS_CLUSTER", ""),
                nodeUrl(text(source, "HLS_NODE_URL", "")),
                text(source, "HLS_CLUSTER_SECRET", ""));
    }

    /** True when this node is one of a cluster ({@code HLS_CLUSTER}, issue #16): a single node has no grid code in its way. */
    public boolean clustered() {
        return !cluster.isEmpty();
    }

    /** {@code HLS_NODE_URL}: how the other nodes reach this one, an http(s) base URL without a trailing slash. */
    private static String nodeUrl(String value) {
        if (value.isEmpty()) {
            return value;
        }
        if (!value.matches("https?://[^/?#\\s]+")) {
            throw new IllegalArgumentException("HLS_NODE_URL must be an http:// or https:// URL of this node without a path, "
                    + "such as http://10.0.0.5:8080, got '" + value + "'");
        }
        return value;
    }

    /**
     * {@code HLS_LL}: channels that do not choose their packaging are packaged by the gateway and served as LL-HLS
     * (issue #15); on by default. {@code HLS_LL=false} makes FFmpeg's MPEG-TS HLS the gateway's default again.
     */
    private static boolean onOff(Function<String, String> source, String name, boolean fallback) {
        String value = text(source, name, Boolean.toString(fallback));
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        };
    }

    private static boolean playbackDefault(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "public" -> true;
            case "protected" -> false;
            default -> throw new IllegalArgumentException("HLS_PLAYBACK_DEFAULT must be public or protected, got '" + value + "'");
        };
    }

    /** {@code HLS_MEDIA_URL}: empty, or an http(s) base URL without a trailing slash. */
    private static String mediaUrl(String value) {
        if (value.isEmpty()) {
            return value;
        }
        if (!value.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            throw new IllegalArgumentException("HLS_MEDIA_URL must be an http:// or https:// base URL such as "
                    + "http://media.example.com:8090, got '" + value + "'");
        }
        return value.replaceAll("/+$", "");
    }

    private static String text(Function<String, String> source, String name, String fallback) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int number(Function<String, String> source, String name, int fallback, int min, int max) {
        String value = source.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }
}
