package org.hlsgateway.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConsoleLoginTest {

    static final String SECRET = "a-cluster-wide-secret-0123456789";
    final ConsoleLogin login = new ConsoleLogin(SECRET);

    @Test
    void aSignedLoginVerifiesOnAnyNodeWithTheSameSecretUntilItExpires() {
        ConsoleLogin.Claim claim = new ConsoleLogin.Claim("admin", 2_000, ConsoleLogin.newId());
        String cookie = login.sign(claim);
        assertEquals(claim, new ConsoleLogin(SECRET).verify(cookie, 1_999), "another node, the same secret");
        assertNull(login.verify(cookie, 2_000), "expired");
        assertNull(new ConsoleLogin("another-cluster-secret-xyz").verify(cookie, 1_000), "another cluster's key");
    }

    @Test
    void anyChangedFieldIsRefused() {
        String id = ConsoleLogin.newId();
        String cookie = login.sign(new ConsoleLogin.Claim("viewer1", 5_000, id));
        String[] fields = cookie.split("\\.");
        assertNull(login.verify("admin." + fields[1] + "." + fields[2] + "." + fields[3], 1_000), "another user");
        assertNull(login.verify(fields[0] + ".9999999." + fields[2] + "." + fields[3], 1_000), "a later expiry");
        assertNull(login.verify(fields[0] + "." + fields[1] + "." + ConsoleLogin.newId() + "." + fields[3], 1_000));
        assertNull(login.verify(cookie + "x", 1_000));
        for (String hostile : new String[] {"", ".", "a.b.c.d", "admin.1.2", "admin.5000." + id + ".!!!",
                "ADMIN.5000." + id + "." + fields[3], "x".repeat(500), null}) {
            assertNull(login.verify(hostile, 1_000), String.valueOf(hostile));
        }
    }

    @Test
    void idsAreRandomAndShortSecretsAreRefused() {
        assertNotEquals(ConsoleLogin.newId(), ConsoleLogin.newId());
        assertEquals(32, ConsoleLogin.newId().length());
        assertThrows(IllegalArgumentException.class, () -> new ConsoleLogin("short"));
        assertThrows(IllegalArgumentException.class, () -> login.sign(new ConsoleLogin.Claim("Admin!", 1, ConsoleLogin.newId())));
    }
}
