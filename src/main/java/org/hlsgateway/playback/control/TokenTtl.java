package org.hlsgateway.playback.control;

import java.util.OptionalLong;

/** The {@code ttl} of a signed URL: whole seconds from 10 s to one year. */
public final class TokenTtl {

    public static final long MIN = 10;
    public static final long MAX = 31_536_000;
    public static final String RULE = "ttl must be a whole number of seconds from 10 to 31536000";

    private TokenTtl() {
    }

    /** {@code fallback} when {@code ttl} is absent; empty when it is not acceptable. */
    public static OptionalLong parse(String ttl, long fallback) {
        if (ttl == null) {
            return OptionalLong.of(fallback);
        }
        try {
            long seconds = Long.parseLong(ttl);
            return seconds >= MIN && seconds <= MAX ? OptionalLong.of(seconds) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
