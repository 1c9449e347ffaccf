package org.hlsgateway.security.boundary;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;
import org.hlsgateway.security.entity.User;
import org.junit.jupiter.api.Test;

class RevocationsTest {

    private final Revocations revocations = new Revocations();

    private static User user(long id, String name) throws ReflectiveOperationException {
        User user = new User();
        user.setUsername(name);
        Field field = User.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(user, id);
        return user;
    }

    @Test
    void aStartWithoutTheDatabaseUsesTheLastSnapshot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.hlsgateway.config.GatewayConfig config = org.hlsgateway.config.GatewayConfig.from(
                java.util.Map.of("HLS_DATA_DIR", dir.toString()));
        Revocations before = new Revocations();
        before.config = config;
        User alice = user(7, "alice");
        before.load(List.of(alice), List.of());
        alice.revokeTokens();
        before.changed(alice);
        before.revoked(42);
        Revocations afterRestart = new Revocations();
        afterRestart.config = config;

        assertTrue(afterRestart.loadSnapshot());

        assertTrue(afterRestart.refusal(7, 0, 0).contains("disabled or changed password"));
        assertNull(afterRestart.refusal(7, 1, 0));
        assertTrue(afterRestart.refusal(7, 1, 42).contains("#42"));
    }

    @Test
    void withoutASnapshotNothingIsLoaded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Revocations revocations = new Revocations();
        revocations.config = org.hlsgateway.config.GatewayConfig.from(java.util.Map.of("HLS_DATA_DIR", dir.toString()));

        assertTrue(!revocations.loadSnapshot() && !revocations.isLoaded());
    }

    @Test
    void beforeTheDatabaseAnsweredNothingIsRevoked() {
        assertNull(revocations.refusal(7, 0, 42));
    }

    @Test
    void aCurrentGenerationStandsAnOlderOneIsRevoked() throws Exception {
        User alice = user(7, "alice");
        revocations.load(List.of(alice), List.of());

        assertNull(revocations.refusal(7, 0, 0));

        alice.revokeTokens();
        revocations.changed(alice);

        assertTrue(revocations.refusal(7, 0, 0).contains("disabled or changed password"));
        assertNull(revocations.refusal(7, 1, 0), "tokens minted after the bump stand");
    }

    @Test
    void tokensOfADeletedOrUnknownUserAreRevoked() throws Exception {
        User alice = user(7, "alice");
        revocations.load(List.of(alice), List.of());

        revocations.deleted(alice);

        assertTrue(revocations.refusal(7, 0, 0).contains("no longer exists"));
        assertTrue(revocations.refusal(8, 0, 0).contains("no longer exists"));
    }

    @Test
    void aRevokedTokenIdIsRefusedOthersOfTheSameUserStand() throws Exception {
        revocations.load(List.of(user(7, "alice")), List.of(42L));

        assertTrue(revocations.refusal(7, 0, 42).contains("#42 was revoked"));
        assertNull(revocations.refusal(7, 0, 43));
        revocations.revoked(43);
        assertTrue(revocations.refusal(7, 0, 43).contains("#43"));
    }
}
