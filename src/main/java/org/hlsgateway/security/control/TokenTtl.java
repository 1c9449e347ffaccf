package org.hlsgateway.security.control;

import java.util.OptionalLong;

/**
 * The {@code ttl} of a signed URL: whole seconds from 10 s to one year, and no more than the
 * caller's role may mint ({@code HLS_TOKEN_MAX_TTL_VIEWER} for viewers). Never silently capped.
 */
public final class TokenTtl {

    public static final long MIN = 10;
    public static final long MAX = 31_536_000;
    /** Tokens valid longer than this are recorded, listed and revocable one by one. */
    public static final long LONG_LIVED = 86_400;
    public static final String RULE = "ttl must be a whole number of seconds from 10 to 31536000";
    public static final String VIEWER_CAP = "HLS_TOKEN_MAX_TTL_VIEWER";

    /** A ttl that is not acceptable; the message says why and names the setting that caps it. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

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

    /**
     * The ttl to sign for: {@code ttl}, or when absent {@code fallback} (no more than the cap).
     *
     * @param cap the role's longest ttl; {@link #MAX} for admins
     * @throws Refused for a ttl that is not a number, out of range, or above the cap
     */
    public static long resolve(String ttl, long fallback, long cap) {
        if (ttl == null) {
            return Math.min(fallback, cap);
        }
        long seconds = parse(ttl, fallback).orElseThrow(() -> new Refused(RULE));
        if (seconds > cap) {
            throw new Refused("ttl " + seconds + " is above " + VIEWER_CAP + " (" + cap
                    + " s), the longest a viewer may mint; an admin may mint up to " + MAX + " s");
        }
        return seconds;
    }
}
