package org.hlsgateway.security.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed player access, 48 characters of base64url over 36 bytes: a version and the scope's kind
 * (1 byte), the signing key's id (1), the expiry in epoch seconds (4), the minter's user id (4),
 * the minter's token generation (4), the recorded token's id or 0 (4), and the first 18 bytes of
 * an HMAC-SHA256 over those 18 bytes and the scope (channel nickname, or playlist and group).
 * Every field is signed, so a changed or removed part, and a changed scope, no longer verify.
 * Tokens signed with the previous key ({@code HLS_TOKEN_SECRET_PREVIOUS}) still verify.
 */
public final class PlaybackToken {

    /** What a presented token is worth. */
    public enum Verdict {
        VALID(null),
        MISSING("this channel is protected: use a signed playback URL (token) or log in"),
        MALFORMED("the token is malformed (tokens of gateways before version 2 no longer work: ask for a new URL)"),
        UNKNOWN_KEY("the token was signed with a key this gateway no longer accepts (rotated and retired); ask for a new URL"),
        WRONG_KIND("the token is for another kind of URL (a playlist token opens no channel, a channel token no playlist)"),
        GROUP_REMOVED("the token is bound to a group: the URL's group was removed"),
        FORGED("the token is not valid for this channel or playlist: it was changed or signed for another"),
        EXPIRED("the token has expired; ask for a new playback URL"),
        REVOKED("the token was revoked"),
        OUT_OF_LIMITS("your account may not watch this channel (an admin limited it to some groups or channels)");

        private final String message;

        Verdict(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** The verdict and, from a well-signed token, what it says; {@code detail} is the message to answer with. */
    public record Check(Verdict verdict, String detail, TokenGrant grant, long expiresAt) {

        public boolean valid() {
            return verdict == Verdict.VALID;
        }

        static Check of(Verdict verdict) {
            return new Check(verdict, verdict.message(), null, -1);
        }
    }

    public static final int LENGTH = 48;
    private static final int VERSION = 1;
    private static final int CLAIMS = 18;
    private static final int SIGNATURE = 18;

    private final Key current;
    private final Key previous;

    public PlaybackToken(byte[] secret) {
        this(secret, null);
    }

    /** {@code previous} may be null: no earlier key is accepted. */
    public PlaybackToken(byte[] secret, byte[] previous) {
        this.current = new Key(secret);
        this.previous = previous == null || previous.length == 0 ? null : new Key(previous);
    }

    public String sign(TokenScope scope, long expiresAtEpochSeconds, TokenGrant grant) {
        if (expiresAtEpochSeconds < 0 || expiresAtEpochSeconds > TokenGrant.MAX) {
            throw new IllegalArgumentException("expiry out of range: " + expiresAtEpochSeconds);
        }
        ByteBuffer token = ByteBuffer.allocate(CLAIMS + SIGNATURE);
        token.put((byte) (VERSION << 4 | scope.kind().code)).put((byte) current.id)
                .putInt((int) expiresAtEpochSeconds).putInt((int) grant.userId())
                .putInt((int) grant.generation()).putInt((int) grant.tokenId());
        token.put(current.signature(token.array(), scope));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    public Check verify(String token, TokenScope scope, long nowEpochSeconds, TokenRevocations revocations) {
        if (token == null || token.isEmpty()) {
            return Check.of(Verdict.MISSING);
        }
        byte[] bytes = decode(token);
        if (bytes == null || (bytes[0] & 0xFF) >> 4 != VERSION || TokenScope.Kind.of(bytes[0] & 0x0F) == null) {
            return Check.of(Verdict.MALFORMED);
        }
        List<Key> keys = keys(bytes[1] & 0xFF);
        if (keys.isEmpty()) {
            return Check.of(Verdict.UNKNOWN_KEY);
        }
        TokenScope.Kind kind = TokenScope.Kind.of(bytes[0] & 0x0F);
        TokenScope signed = signedScope(kind, scope);
        if (signed == null) {
            return Check.of(kind == TokenScope.Kind.GROUP_PLAYLIST && scope.kind() == TokenScope.Kind.PLAYLIST
                    ? Verdict.GROUP_REMOVED : Verdict.WRONG_KIND);
        }
        byte[] presented = Arrays.copyOfRange(bytes, CLAIMS, CLAIMS + SIGNATURE);
        if (keys.stream().noneMatch(k -> MessageDigest.isEqual(k.signature(bytes, signed), presented))) {
            return Check.of(Verdict.FORGED);
        }
        ByteBuffer claims = ByteBuffer.wrap(bytes, 2, CLAIMS - 2);
        long expiresAt = Integer.toUnsignedLong(claims.getInt());
        TokenGrant grant = new TokenGrant(Integer.toUnsignedLong(claims.getInt()), Integer.toUnsignedLong(claims.getInt()),
                Integer.toUnsignedLong(claims.getInt()));
        if (expiresAt < nowEpochSeconds) {
            return new Check(Verdict.EXPIRED, Verdict.EXPIRED.message(), grant, expiresAt);
        }
        String revoked = revocations.refusal(grant);
        if (revoked != null) {
            return new Check(Verdict.REVOKED, Verdict.REVOKED.message() + ": " + revoked, grant, expiresAt);
        }
        return new Check(Verdict.VALID, null, grant, expiresAt);
    }

    /**
     * The scope the token must have been signed for: the asked one, or for an asked group playlist
     * a token of the whole playlist (a group narrows what it opens). Null when the kinds do not fit.
     */
    private static TokenScope signedScope(TokenScope.Kind kind, TokenScope asked) {
        if (kind == asked.kind()) {
            return asked;
        }
        if (kind == TokenScope.Kind.PLAYLIST && asked.kind() == TokenScope.Kind.GROUP_PLAYLIST) {
            return TokenScope.playlist(null);
        }
        return null;
    }

    /** The 36 bytes of a token of exactly {@link #LENGTH} base64url characters; null for anything else. */
    private static byte[] decode(String token) {
        if (token.length() != LENGTH) {
            return null;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return null;
            }
        }
        return Base64.getUrlDecoder().decode(token);
    }

    private List<Key> keys(int id) {
        List<Key> keys = new ArrayList<>(2);
        if (current.id == id) {
            keys.add(current);
        }
        if (previous != null && previous.id == id) {
            keys.add(previous);
        }
        return keys;
    }

    /** The id of the key that signs new tokens (one byte, derived from the key). */
    public int currentKeyId() {
        return current.id;
    }

    /** One signing key, its id, and a MAC per thread (the hot path never asks the provider for one). */
    private static final class Key {

        private final int id;
        private final SecretKeySpec spec;
        private final ThreadLocal<Mac> macs;

        Key(byte[] secret) {
            if (secret.length < 16) {
                throw new IllegalArgumentException("the token secret must have at least 16 bytes");
            }
            this.spec = new SecretKeySpec(secret, "HmacSHA256");
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update("hls-gateway token key\n".getBytes(StandardCharsets.US_ASCII));
                this.id = sha.digest(secret)[0] & 0xFF;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 unavailable", e);
            }
            this.macs = ThreadLocal.withInitial(() -> {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(spec);
                    return mac;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HmacSHA256 unavailable", e);
                }
            });
        }

        /** The truncated HMAC over the first {@link #CLAIMS} bytes of {@code token} and the scope. */
        byte[] signature(byte[] token, TokenScope scope) {
            Mac mac = macs.get();
            mac.update(token, 0, CLAIMS);
            mac.update(scope.signedBytes());
            return Arrays.copyOf(mac.doFinal(), SIGNATURE);
        }
    }
}
