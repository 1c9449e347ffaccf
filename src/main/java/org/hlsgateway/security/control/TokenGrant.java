package org.hlsgateway.security.control;

/**
 * Who stands behind a token: the minter's user id, the minter's token generation when it was
 * signed (bumped when the user is disabled, deleted or changes password, which revokes all of
 * their tokens), and the id of the recorded long-lived token, 0 for a short-lived one.
 */
public record TokenGrant(long userId, long generation, long tokenId) {

    static final long MAX = 0xFFFF_FFFFL;

    public TokenGrant {
        if (userId < 0 || userId > MAX || generation < 0 || generation > MAX || tokenId < 0 || tokenId > MAX) {
            throw new IllegalArgumentException("user id, generation and token id must fit in 32 unsigned bits");
        }
    }

    public TokenGrant withTokenId(long id) {
        return new TokenGrant(userId, generation, id);
    }
}
