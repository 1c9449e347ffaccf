package org.hlsgateway.api;

/**
 * Texts and names the OpenAPI annotations of the resources share (the schemas live in
 * {@code META-INF/openapi.yaml}). Constants only: annotations cannot call code.
 */
public final class ApiDoc {

    public static final String JSON = "application/json";
    public static final String M3U = "audio/x-mpegurl";
    /** The shared error body {@code {"status","message","errors":[{"field","message"}]}}. */
    public static final String ERROR = "Error";

    /** Security schemes (declared on the API application). */
    public static final String BASIC = "basic";
    public static final String PLAYBACK_TOKEN = "playbackToken";
    public static final String PLAYLIST_TOKEN = "playlistToken";
    public static final String CONSOLE_SESSION = "consoleSession";

    public static final String UNAUTHORIZED = "No credentials, wrong ones, or a locked account: log in with HTTP Basic. "
            + "Comes with WWW-Authenticate.";
    public static final String ADMIN_ONLY = "Your role may not do this (it needs admin), or a cross-site request "
            + "from another origin was refused.";
    public static final String NO_CHANNEL = "No channel has this nickname.";
    public static final String NOT_JSON = "The body is not JSON (send Content-Type: application/json).";
    public static final String BAD_TTL = "ttl is not a whole number of seconds from 10 to 31536000.";
    public static final String TTL = "Seconds the signed URL stays valid, 10 to 31536000; default HLS_TOKEN_TTL.";
    public static final String NICKNAME = "The channel's nickname: [a-z0-9][a-z0-9_-]{0,63}.";
    public static final String GROUP = "Only the channels of this group (M3U group-title).";

    private ApiDoc() {
    }
}
