package org.hlsgateway.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LocalRevocationStateTest {

    private final RevocationState state = new LocalRevocationState();

    @Test
    void usersAreFoundByIdAndNameAndForgottenWhenDeleted() {
        state.user(7, "alice", 2);

        assertEquals(OptionalLong.of(2), state.generation(7));
        assertEquals(OptionalLong.of(7), state.userId("alice"));
        assertEquals("alice", state.username(7));

        state.userDeleted(7);

        assertTrue(state.generation(7).isEmpty());
        assertTrue(state.userId("alice").isEmpty());
        assertNull(state.username(7));
    }

    @Test
    void aBumpedGenerationReplacesTheOld() {
        state.user(7, "alice", 2);
        state.user(7, "alice", 3);

        assertEquals(OptionalLong.of(3), state.generation(7));
    }

    @Test
    void deletingAUserKeepsANewUserOfTheSameName() {
        state.user(7, "alice", 0);
        state.user(8, "alice", 0); // deleted and created again: a new id

        state.userDeleted(7);

        assertEquals(OptionalLong.of(8), state.userId("alice"));
    }

    @Test
    void aSnapshotReadsBackAndSkipsDamagedLines() {
        LocalRevocationState local = new LocalRevocationState();
        local.user(7, "alice", 2);
        local.user(8, "bob.smith", 0);
        local.revoke(42);
        LocalRevocationState restored = new LocalRevocationState();

        int users = restored.restore(local.snapshot() + "u x 1 eve\nt nope\ngarbage\n");

        assertEquals(2, users);
        assertEquals(OptionalLong.of(2), restored.generation(7));
        assertEquals(OptionalLong.of(8), restored.userId("bob.smith"));
        assertTrue(restored.isRevoked(42));
        assertTrue(restored.userId("eve").isEmpty());
    }

    @Test
    void revokedTokensAreRemembered() {
        state.revoke(42);

        assertTrue(state.isRevoked(42));
        assertFalse(state.isRevoked(43));
    }
}
