package org.hlsgateway.security.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.hlsgateway.security.control.Audit;
import org.hlsgateway.security.control.UserException;
import org.hlsgateway.security.entity.IssuedToken;
import org.hlsgateway.security.entity.Role;

/** The record of long-lived tokens: written when one is minted, listed and revoked by admins. */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class IssuedTokens {

    @PersistenceContext
    EntityManager em;

    @Inject
    Revocations revocations;

    @Resource
    SessionContext session;

    /** Records a token the caller mints now; its id goes into the token. */
    @RolesAllowed({Role.ADMIN_NAME, Role.VIEWER_NAME})
    public long record(long userId, String scope, Instant expiresAt) {
        String username = session.getCallerPrincipal().getName();
        IssuedToken token = new IssuedToken(userId, username, scope, expiresAt);
        em.persist(token);
        Audit.minted(username, token.getId(), scope, expiresAt);
        return token.getId();
    }

    /** Tokens not yet expired, newest first, revoked ones included. */
    public List<IssuedToken> live() {
        return em.createNamedQuery(IssuedToken.LIVE, IssuedToken.class).setParameter("now", Instant.now()).getResultList();
    }

    public IssuedToken revoke(long id) {
        IssuedToken token = em.find(IssuedToken.class, id);
        if (token == null) {
            throw new UserException(404, "no token #" + id);
        }
        if (!token.isRevoked()) {
            String by = session.getCallerPrincipal().getName();
            token.revoke(by);
            revocations.revoked(id);
            Audit.revokedToken(by, id, token.getUsername(), token.getScope());
        }
        return token;
    }
}
