package org.hlsgateway.security.control;

/**
 * Whether a well-signed, unexpired token was revoked since. Asked on every protected request,
 * so an implementation answers from memory; a cluster shares what it answers from.
 */
@FunctionalInterface
public interface TokenRevocations {

    TokenRevocations NONE = grant -> null;

    /** Null while the grant still stands; otherwise why it does not (for the 403 and the audit line). */
    String refusal(TokenGrant grant);
}
