package org.hlsgateway.security.control;

import java.nio.charset.StandardCharsets;

/**
 * What a token opens: one channel, the whole playlist, or the playlist of one group. It is signed
 * with the token, so a changed nickname or group, or a removed group, no longer verifies.
 */
public record TokenScope(Kind kind, String name) {

    public enum Kind {
        CHANNEL(0), PLAYLIST(1), GROUP_PLAYLIST(2);

        final int code;

        Kind(int code) {
            this.code = code;
        }

        static Kind of(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            return null;
        }
    }

    public static TokenScope channel(String nickname) {
        return new TokenScope(Kind.CHANNEL, nickname);
    }

    /** The playlist of every channel ({@code group} null) or of one group. */
    public static TokenScope playlist(String group) {
        return group == null ? new TokenScope(Kind.PLAYLIST, "") : new TokenScope(Kind.GROUP_PLAYLIST, group);
    }

    /** What the signature covers besides the token's own bytes. */
    byte[] signedBytes() {
        return (kind.code + "\n" + name).getBytes(StandardCharsets.UTF_8);
    }

    /** For log lines and the token list, e.g. {@code channel cam1} or {@code playlist of group 'Kids'}. */
    public String describe() {
        return switch (kind) {
            case CHANNEL -> "channel " + name;
            case PLAYLIST -> "playlist of every channel";
            case GROUP_PLAYLIST -> "playlist of group '" + name + "'";
        };
    }
}
