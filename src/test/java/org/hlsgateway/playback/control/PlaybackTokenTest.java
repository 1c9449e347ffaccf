package org.hlsgateway.playback.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hlsgateway.playback.control.PlaybackToken.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaybackTokenTest {

    private static final byte[] SECRET = "0123456789abcdef-the-secret".getBytes(StandardCharsets.UTF_8);
    private static final long NOW = 1_700_000_000L;
    private static final long EXPIRY = NOW + 3600;

    private final PlaybackToken tokens = new PlaybackToken(SECRET);

    @Test
    void signedTokenVerifies() {
        String token = tokens.sign("cam1", EXPIRY);

        assertEquals(Verdict.VALID, tokens.verify(token, "cam1", NOW));
        assertTrue(token.startsWith(EXPIRY + "."), token);
        assertNull(Verdict.VALID.message());
    }

    @Test
    void tokenIsValidUpToItsExpirySecond() {
        String token = tokens.sign("cam1", EXPIRY);

        assertEquals(Verdict.VALID, tokens.verify(token, "cam1", EXPIRY));
    }

    @Test
    void tokenExpires() {
        String token = tokens.sign("cam1", EXPIRY);

        Verdict verdict = tokens.verify(token, "cam1", EXPIRY + 1);

        assertEquals(Verdict.EXPIRED, verdict);
        assertNotNull(verdict.message());
    }

    @Test
    void tokenOfAnotherChannelIsForged() {
        String token = tokens.sign("cam2", EXPIRY);

        assertEquals(Verdict.FORGED, tokens.verify(token, "cam1", NOW));
    }

    @Test
    void changedSignatureIsForged() {
        String token = tokens.sign("cam1", EXPIRY);
        char last = token.charAt(token.length() - 1);
        String changed = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertEquals(Verdict.FORGED, tokens.verify(changed, "cam1", NOW));
    }

    @Test
    void truncatedSignatureIsForged() {
        String token = tokens.sign("cam1", EXPIRY);

        assertEquals(Verdict.FORGED, tokens.verify(token.substring(0, token.length() - 1), "cam1", NOW));
        assertEquals(Verdict.FORGED, tokens.verify(EXPIRY + ".", "cam1", NOW));
    }

    @Test
    void extendedExpiryIsForged() {
        String token = tokens.sign("cam1", EXPIRY);
        String signature = token.substring(token.indexOf('.') + 1);

        String extended = (EXPIRY + 86_400) + "." + signature;

        assertEquals(Verdict.FORGED, tokens.verify(extended, "cam1", NOW));
    }

    @Test
    void tokenOfAnotherSecretIsForged() {
        PlaybackToken other = new PlaybackToken("another-secret-of-16+bytes".getBytes(StandardCharsets.UTF_8));
        String token = other.sign("cam1", EXPIRY);

        assertEquals(Verdict.FORGED, tokens.verify(token, "cam1", NOW));
        assertNotEquals(tokens.sign("cam1", EXPIRY), token);
    }

    @Test
    void forgedAndExpiredIsForged() {
        String token = tokens.sign("cam2", NOW - 10);

        assertEquals(Verdict.FORGED, tokens.verify(token, "cam1", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "garbage",
            "no-dot-at-all",
            ".signatureOnly",
            "abc.signature",
            "12a4.signature",
            "-5.signature",
            "+1700003600.signature",
            "1234567890123.signature", // more than 12 digits of expiry
            "%$&/.()"})
    void malformedTokens(String token) {
        Verdict verdict = tokens.verify(token, "cam1", NOW);

        assertEquals(Verdict.MALFORMED, verdict);
        assertNotNull(verdict.message());
    }

    @Test
    void negativeExpiryIsMalformed() {
        String token = tokens.sign("cam1", -5);

        assertEquals(Verdict.MALFORMED, tokens.verify(token, "cam1", -10));
    }

    @Test
    void overlongTokenIsMalformed() {
        String token = tokens.sign("cam1", EXPIRY);
        String overlong = token + "A".repeat(101 - token.length());

        assertEquals(101, overlong.length());
        assertEquals(Verdict.MALFORMED, tokens.verify(overlong, "cam1", NOW));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void absentTokenIsMissing(String token) {
        Verdict verdict = tokens.verify(token, "cam1", NOW);

        assertEquals(Verdict.MISSING, verdict);
        assertNotNull(verdict.message());
    }

    @Test
    void shortSecretIsRefused() {
        byte[] fifteen = new byte[15];

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlaybackToken(fifteen));

        assertTrue(e.getMessage().contains("16"), e.getMessage());
    }

    @Test
    void sixteenByteSecretIsAccepted() {
        PlaybackToken minimal = new PlaybackToken(new byte[16]);

        assertEquals(Verdict.VALID, minimal.verify(minimal.sign("cam1", EXPIRY), "cam1", NOW));
    }

    @Test
    void laterChangesToTheSecretArrayHaveNoEffect() {
        byte[] secret = Arrays.copyOf(SECRET, SECRET.length);
        PlaybackToken own = new PlaybackToken(secret);
        String token = own.sign("cam1", EXPIRY);

        Arrays.fill(secret, (byte) 0);

        assertEquals(Verdict.VALID, own.verify(token, "cam1", NOW));
        assertEquals(Verdict.VALID, tokens.verify(token, "cam1", NOW), "same secret, same signature");
    }

    @Test
    void signatureIsUrlSafe() {
        String token = tokens.sign("cam1", EXPIRY);

        assertTrue(token.matches("[0-9]+\\.[A-Za-z0-9_-]+"), token);
    }
}
