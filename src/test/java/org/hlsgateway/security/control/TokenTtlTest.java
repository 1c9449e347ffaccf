package org.hlsgateway.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokenTtlTest {

    private static final long VIEWER_CAP = 86_400;

    @Test
    void absentTtlIsTheDefaultWithinTheCap() {
        assertEquals(3600, TokenTtl.resolve(null, 3600, VIEWER_CAP));
        assertEquals(VIEWER_CAP, TokenTtl.resolve(null, TokenTtl.MAX, VIEWER_CAP), "a default above the cap is the cap");
    }

    @Test
    void ttlUpToTheCapIsKept() {
        assertEquals(VIEWER_CAP, TokenTtl.resolve("86400", 3600, VIEWER_CAP));
        assertEquals(TokenTtl.MAX, TokenTtl.resolve("31536000", 3600, TokenTtl.MAX));
    }

    @Test
    void ttlAboveTheCapIsRefusedNamingTheSettingNeverCapped() {
        TokenTtl.Refused refused = assertThrows(TokenTtl.Refused.class, () -> TokenTtl.resolve("31536000", 3600, VIEWER_CAP));

        assertTrue(refused.getMessage().contains("HLS_TOKEN_MAX_TTL_VIEWER"), refused.getMessage());
        assertTrue(refused.getMessage().contains("86400"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "9", "-1", "31536001", "1e6", "99999999999999999999"})
    void badTtlIsRefusedWithTheRule(String ttl) {
        TokenTtl.Refused refused = assertThrows(TokenTtl.Refused.class, () -> TokenTtl.resolve(ttl, 3600, TokenTtl.MAX));

        assertEquals(TokenTtl.RULE, refused.getMessage());
    }
}
