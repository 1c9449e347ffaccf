package org.hlsgateway.security.control;

import java.util.OptionalLong;

/**
 * What token revocation is decided from: each user's current token generation and the ids of
 * revoked long-lived tokens. Read on every protected request, so it lives in memory
 * ({@link LocalRevocationState}); a cluster (issue #16) implements it over a shared store and
 * pushes changes to every node.
 */
public interface RevocationState {

    /** A user exists with this name and generation (created, or generation bumped). */
    void user(long userId, String username, long generation);

    void userDeleted(long userId);

    void revoke(long tokenId);

    /** Empty for a user that does not exist (deleted, or never). */
    OptionalLong generation(long userId);

    OptionalLong userId(String username);

    /** The user name of an id, or null; for log lines. */
    String username(long userId);

    boolean isRevoked(long tokenId);
}
