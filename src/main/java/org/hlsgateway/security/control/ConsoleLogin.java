package org.hlsgateway.security.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A console login that any node of a cluster can verify: {@code user.expires.id.mac}, where the mac is HMAC-SHA256
 * over the first three fields with a key derived from the cluster's shared token secret. A node that never saw the
 * login (its session lived on a node that is gone) restores it from this cookie; logging out revokes the id.
 */
public final class ConsoleLogin {

    public static final String COOKIE = "HLS_LOGIN";
    private static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** What a valid cookie says: who, until when (epoch seconds), and the login's id (revoked at logout). */
    public record Claim(String user, long expiresSeconds, String id) implements java.io.Serializable {
    }

    public ConsoleLogin(String sharedSecret) {
        if (sharedSecret == null || sharedSecret.length() < 16) {
            throw new IllegalArgumentException("the console login key needs a secret of at least 16 characters");
        }
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                "hls-gateway console login v1"), "HmacSHA256");
    }

    /** A new login's id: 128 random bits. */
    public static String newId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** The cookie value of a login. */
    public String sign(Claim claim) {
        if (!USER.matcher(claim.user()).matches() || !ID.matcher(claim.id()).matches()) {
            throw new IllegalArgumentException("not a console login: " + claim);
        }
        String body = claim.user() + "." + claim.expiresSeconds() + "." + claim.id();
        return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, body));
    }

    /** The claim of a cookie value that this cluster signed and that has not expired at {@code nowSeconds}; else null. */
    public Claim verify(String value, long nowSeconds) {
        if (value == null || value.length() > 200) {
            return null;
        }
        String[] fields = value.split("\\.", -1);
        if (fields.length != 4 || !USER.matcher(fields[0]).matches() || !ID.matcher(fields[2]).matches()
                || !fields[1].matches("[0-9]{1,12}")) {
            return null;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(fields[3]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] expected = hmac(key, fields[0] + "." + fields[1] + "." + fields[2]);
        if (!MessageDigest.isEqual(expected, given)) {
            return null;
        }
        long expires = Long.parseLong(fields[1]);
        return expires > nowSeconds ? new Claim(fields[0], expires, fields[2]) : null;
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
