package org.hlsgateway.security.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PBKDF2 password hashes (Jakarta Security's {@link Pbkdf2PasswordHash}). A verified password is
 * remembered for a few minutes (by a SHA-256 of user, password and stored hash, never the password
 * itself) so that HTTP Basic on every API call does not cost a full PBKDF2 run each time.
 */
@ApplicationScoped
public class Passwords {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    private static final long REMEMBER_MILLIS = 5 * 60_000L;

    @Inject
    Pbkdf2PasswordHash hash;

    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "120000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    public String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    public boolean verify(String username, String password, String storedHash) {
        String key = fingerprint(username, password, storedHash);
        Long until = verified.get(key);
        long now = System.currentTimeMillis();
        if (until != null && until > now) {
            return true;
        }
        boolean ok = hash.verify(password.toCharArray(), storedHash);
        if (ok) {
            if (verified.size() > 10_000) {
                verified.clear();
            }
            verified.put(key, now + REMEMBER_MILLIS);
        }
        return ok;
    }

    /** The reason {@code password} is not acceptable, or null. */
    public static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "password must have at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "password must have at most " + MAX_LENGTH + " characters";
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            return "password must not contain control characters";
        }
        return null;
    }

    private static String fingerprint(String username, String password, String storedHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((username + "\u0000" + password + "\u0000" + storedHash).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
