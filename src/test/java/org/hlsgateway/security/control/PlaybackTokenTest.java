package org.hlsgateway.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.hlsgateway.security.control.PlaybackToken.Check;
import org.hlsgateway.security.control.PlaybackToken.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaybackTokenTest {

    private static final byte[] SECRET = "0123456789abcdef-the-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "another-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final long NOW = 1_700_000_000L;
    private static final long EXPIRY = NOW + 3600;
    private static final TokenGrant GRANT = new TokenGrant(7, 3, 0);
    private static final TokenScope CAM1 = TokenScope.channel("cam1");

    private final PlaybackToken tokens = new PlaybackToken(SECRET);

    private Check verify(PlaybackToken verifier, String token, TokenScope scope) {
        return verifier.verify(token, scope, NOW, TokenRevocations.NONE);
    }

    @Test
    void signedTokenVerifiesAndTellsWhoMintedItUntilWhen() {
        String token = tokens.sign(CAM1, EXPIRY, new TokenGrant(7, 3, 42));

        Check check = verify(tokens, token, CAM1);

        assertEquals(Verdict.VALID, check.verdict());
        assertEquals(new TokenGrant(7, 3, 42), check.grant());
        assertEquals(EXPIRY, check.expiresAt());
        assertNull(check.detail());
    }

    @Test
    void tokenIsShortAndUrlSafe() {
        String token = tokens.sign(TokenScope.playlist("A group with a long name, spaces and ümlauts"), TokenGrant.MAX,
                new TokenGrant(TokenGrant.MAX, TokenGrant.MAX, TokenGrant.MAX));

        assertEquals(PlaybackToken.LENGTH, token.length());
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
    }

    @Test
    void tokenIsValidUpToItsExpirySecondAndExpiresAfter() {
        String token = tokens.sign(CAM1, EXPIRY, GRANT);

        assertEquals(Verdict.VALID, tokens.verify(token, CAM1, EXPIRY, TokenRevocations.NONE).verdict());
        Check late = tokens.verify(token, CAM1, EXPIRY + 1, TokenRevocations.NONE);
        assertEquals(Verdict.EXPIRED, late.verdict());
        assertTrue(late.detail().contains("expired"));
    }

    @Test
    void everyBitOfEveryFieldIsSigned() {
        byte[] bytes = Base64.getUrlDecoder().decode(tokens.sign(CAM1, EXPIRY, GRANT));
        Set<Verdict> seen = new HashSet<>();
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] tampered = bytes.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            Verdict verdict = verify(tokens, Base64.getUrlEncoder().withoutPadding().encodeToString(tampered), CAM1).verdict();
            assertNotEquals(Verdict.VALID, verdict, "bit " + bit + " flipped still verifies");
            seen.add(verdict);
        }
        // version/kind bits, key id bits, claims and signature bits each fail in their own way
        assertTrue(seen.containsAll(Set.of(Verdict.MALFORMED, Verdict.UNKNOWN_KEY, Verdict.FORGED)), seen.toString());
    }

    @Test
    void everyCharacterChangedIsRefused() {
        String token = tokens.sign(CAM1, EXPIRY, GRANT);
        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String changed = token.substring(0, i) + replacement + token.substring(i + 1);
            assertNotEquals(Verdict.VALID, verify(tokens, changed, CAM1).verdict(), "character " + i);
        }
    }

    @Test
    void truncatedPaddedAndOverlongTokensAreMalformed() {
        String token = tokens.sign(CAM1, EXPIRY, GRANT);

        assertEquals(Verdict.MALFORMED, verify(tokens, token.substring(0, token.length() - 1), CAM1).verdict());
        assertEquals(Verdict.MALFORMED, verify(tokens, token.substring(0, 24), CAM1).verdict());
        assertEquals(Verdict.MALFORMED, verify(tokens, token + "==", CAM1).verdict());
        assertEquals(Verdict.MALFORMED, verify(tokens, token + "A", CAM1).verdict());
        assertEquals(Verdict.MALFORMED, verify(tokens, token + token, CAM1).verdict());
        assertEquals(Verdict.MALFORMED, verify(tokens, " " + token.substring(1), CAM1).verdict());
        assertEquals(Verdict.MALFORMED, verify(tokens, token.substring(0, 47) + "=", CAM1).verdict());
        assertEquals(Verdict.MALFORMED, verify(tokens, "+" + token.substring(1), CAM1).verdict(), "standard base64");
        assertEquals(Verdict.MALFORMED, verify(tokens, token.substring(0, 47) + "/", CAM1).verdict(), "standard base64");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void absentTokenIsMissing(String token) {
        assertEquals(Verdict.MISSING, verify(tokens, token, CAM1).verdict());
    }

    @ParameterizedTest
    @ValueSource(strings = {"123.abc", "not-a-token", "1700003600.AAAA", "%00%00", "../../etc/passwd",
            "€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€"})
    void garbageIsMalformedNeverAnException(String token) {
        assertEquals(Verdict.MALFORMED, verify(tokens, token, CAM1).verdict());
    }

    @Test
    void oldFormatTokensAreMalformedWithAHint() {
        Check old = verify(tokens, EXPIRY + ".Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg", CAM1);

        assertEquals(Verdict.MALFORMED, old.verdict());
        assertTrue(old.detail().contains("no longer work"), old.detail());
    }

    @Test
    void tokenOfOneChannelOpensNoOther() {
        String token = tokens.sign(CAM1, EXPIRY, GRANT);

        Check other = verify(tokens, token, TokenScope.channel("cam2"));

        assertEquals(Verdict.FORGED, other.verdict());
        assertTrue(other.detail().contains("not valid for this channel"));
    }

    @Test
    void groupPlaylistTokenWithItsGroupRemovedOrChangedIsRefused() {
        String kids = tokens.sign(TokenScope.playlist("Kids"), EXPIRY, GRANT);

        assertEquals(Verdict.VALID, verify(tokens, kids, TokenScope.playlist("Kids")).verdict());
        assertEquals(Verdict.GROUP_REMOVED, verify(tokens, kids, TokenScope.playlist(null)).verdict());
        assertEquals(Verdict.FORGED, verify(tokens, kids, TokenScope.playlist("Adult")).verdict());
        assertEquals(Verdict.FORGED, verify(tokens, kids, TokenScope.playlist("kids")).verdict());
        assertEquals(Verdict.WRONG_KIND, verify(tokens, kids, TokenScope.channel("Kids")).verdict());
    }

    @Test
    void wholePlaylistTokenMayBeNarrowedToAGroupButOpensNoChannel() {
        String all = tokens.sign(TokenScope.playlist(null), EXPIRY, GRANT);

        assertEquals(Verdict.VALID, verify(tokens, all, TokenScope.playlist(null)).verdict());
        assertEquals(Verdict.VALID, verify(tokens, all, TokenScope.playlist("Kids")).verdict());
        assertEquals(Verdict.WRONG_KIND, verify(tokens, all, CAM1).verdict());
        assertEquals(Verdict.WRONG_KIND, verify(tokens, tokens.sign(CAM1, EXPIRY, GRANT), TokenScope.playlist(null)).verdict());
    }

    @Test
    void tokenOfAnotherKeyIsRefused() {
        String foreign = new PlaybackToken(OTHER).sign(CAM1, EXPIRY, GRANT);

        Verdict verdict = verify(tokens, foreign, CAM1).verdict();

        assertTrue(verdict == Verdict.UNKNOWN_KEY || verdict == Verdict.FORGED, verdict.toString());
    }

    @Test
    void previousKeyStillVerifiesUntilRetired() {
        String old = new PlaybackToken(OTHER).sign(CAM1, EXPIRY, GRANT);
        PlaybackToken rotated = new PlaybackToken(SECRET, OTHER);
        PlaybackToken retired = new PlaybackToken(SECRET);

        assertEquals(Verdict.VALID, verify(rotated, old, CAM1).verdict());
        assertEquals(Verdict.VALID, verify(rotated, rotated.sign(CAM1, EXPIRY, GRANT), CAM1).verdict());
        assertEquals(Verdict.VALID, verify(retired, rotated.sign(CAM1, EXPIRY, GRANT), CAM1).verdict(),
                "new tokens are signed with the new key");
        Verdict afterRetirement = verify(retired, old, CAM1).verdict();
        assertTrue(afterRetirement == Verdict.UNKNOWN_KEY || afterRetirement == Verdict.FORGED, afterRetirement.toString());
    }

    @Test
    void revokedTokenIsRefusedWithTheReason() {
        String token = tokens.sign(CAM1, EXPIRY, new TokenGrant(7, 3, 42));
        TokenRevocations revocations = grant -> grant.generation() < 4 ? "its minter was disabled" : null;

        Check check = tokens.verify(token, CAM1, NOW, revocations);

        assertEquals(Verdict.REVOKED, check.verdict());
        assertTrue(check.detail().contains("its minter was disabled"), check.detail());
        assertEquals(Verdict.VALID, tokens.verify(tokens.sign(CAM1, EXPIRY, new TokenGrant(7, 4, 0)), CAM1, NOW,
                revocations).verdict());
    }

    @Test
    void revocationIsAskedOnlyOfWellSignedTokens() {
        String forged = tokens.sign(TokenScope.channel("cam2"), EXPIRY, GRANT);
        TokenRevocations failing = grant -> {
            throw new AssertionError("asked about " + grant);
        };

        assertEquals(Verdict.FORGED, tokens.verify(forged, CAM1, NOW, failing).verdict());
    }

    @Test
    void shortSecretsAndOutOfRangeFieldsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PlaybackToken("short".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> new TokenGrant(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenGrant(0, TokenGrant.MAX + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> tokens.sign(CAM1, TokenGrant.MAX + 1, GRANT));
    }
}
