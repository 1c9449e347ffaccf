package org.hlsgateway.security.control;

import java.util.logging.Logger;

/**
 * The audit lines of tokens, on the logger {@code org.hlsgateway.audit}: minting a long-lived token,
 * revoking tokens, and every refused token. Who, for what, why; never a secret or a whole token.
 */
public final class Audit {

    private static final Logger LOG = Logger.getLogger("org.hlsgateway.audit");
    private static final RepeatFilter REFUSALS = new RepeatFilter(60_000, 10_000, System::currentTimeMillis);

    private Audit() {
    }

    public static void minted(String username, long tokenId, String scope, java.time.Instant until) {
        LOG.info(() -> "token minted: #" + tokenId + " by " + username + " for " + scope + " until " + until);
    }

    public static void revokedToken(String by, long tokenId, String mintedBy, String scope) {
        LOG.info(() -> "token revoked: #" + tokenId + " (" + scope + ", minted by " + mintedBy + ") by " + by);
    }

    public static void revokedUser(String by, String username, String why) {
        LOG.info(() -> "tokens revoked: every token minted by " + username + " (" + why + ") by " + by);
    }

    /**
     * {@code minter} may be null when the token named nobody readable. The same refusal (scope, client,
     * reason) is logged once a minute at most, with the count of those held back in between.
     */
    public static void refused(String scope, String client, String minter, long tokenId, String why) {
        long heldBack = REFUSALS.admit(scope + '\n' + client + '\n' + why);
        if (heldBack < 0) {
            return;
        }
        LOG.info(() -> "token refused: for " + scope + " from " + client
                + (minter == null ? "" : ", minted by " + minter + (tokenId > 0 ? " (#" + tokenId + ")" : ""))
                + ": " + why + (heldBack == 0 ? "" : " (" + heldBack + " more like it in the last minute, not logged)"));
    }
}
