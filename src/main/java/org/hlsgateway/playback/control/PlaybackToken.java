package org.hlsgateway.playback.control;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed player access: {@code <expiry>.<signature>}, the signature an HMAC-SHA256 over the
 * channel's nickname and the expiry (epoch seconds). Players cannot log in; this they can carry.
 */
public final class PlaybackToken {

    /** What a presented token is worth. */
    public enum Verdict {
        VALID(null),
        MISSING("this channel is protected: use a signed playback URL (token) or log in"),
        MALFORMED("the token is malformed"),
        EXPIRED("the token has expired; ask for a new playback URL"),
        FORGED("the token is not valid for this channel");

        private final String message;

        Verdict(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private static final int MAX_LENGTH = 100;
    private final byte[] secret;

    public PlaybackToken(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the token secret must have at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    public String sign(String nickname, long expiresAtEpochSeconds) {
        return expiresAtEpochSeconds + "." + signature(nickname, expiresAtEpochSeconds);
    }

    public Verdict verify(String token, String nickname, long nowEpochSeconds) {
        if (token == null || token.isEmpty()) {
            return Verdict.MISSING;
        }
        int dot = token.indexOf('.');
        if (token.length() > MAX_LENGTH || dot <= 0 || !token.substring(0, dot).matches("[0-9]{1,12}")) {
            return Verdict.MALFORMED;
        }
        long expiry = Long.parseLong(token.substring(0, dot));
        byte[] expected = signature(nickname, expiry).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented)) {
            return Verdict.FORGED;
        }
        return expiry < nowEpochSeconds ? Verdict.EXPIRED : Verdict.VALID;
    }

    private String signature(String nickname, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] sig = mac.doFinal((nickname + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
