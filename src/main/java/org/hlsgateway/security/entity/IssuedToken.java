package org.hlsgateway.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A long-lived token handed out (a playlist URL, or a URL valid over a day): who minted it, for
 * what, until when, and whether it was revoked. The token carries this id; the token itself is
 * not kept. A SEQUENCE id, not IDENTITY (EclipseLink on H2 would read the wrong key back).
 */
@Entity
@Table(name = "HLS_TOKEN")
@NamedQuery(name = IssuedToken.LIVE, query = "SELECT t FROM IssuedToken t WHERE t.expiresAt >= :now ORDER BY t.id DESC")
@NamedQuery(name = IssuedToken.REVOKED_IDS,
        query = "SELECT t.id FROM IssuedToken t WHERE t.revokedAt IS NOT NULL AND t.expiresAt >= :now")
public class IssuedToken {

    public static final String LIVE = "IssuedToken.live";
    public static final String REVOKED_IDS = "IssuedToken.revokedIds";

    @Id
    @SequenceGenerator(name = "token_seq", sequenceName = "HLS_TOKEN_SEQ", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "token_seq")
    private Long id;

    @Column(nullable = false)
    private long userId;

    @Column(nullable = false, length = 64)
    private String username;

    /** E.g. {@code playlist of group 'Kids'} or {@code channel cam1}. */
    @Column(nullable = false, length = 200)
    private String scope;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant expiresAt;

    private Instant revokedAt;

    @Column(length = 64)
    private String revokedBy;

    protected IssuedToken() {
    }

    public IssuedToken(long userId, String username, String scope, Instant expiresAt) {
        this.userId = userId;
        this.username = username;
        this.scope = scope.length() > 200 ? scope.substring(0, 200) : scope;
        this.createdAt = Instant.now();
        this.expiresAt = expiresAt;
    }

    public void revoke(String by) {
        revokedAt = Instant.now();
        revokedBy = by;
    }

    public Long getId() {
        return id;
    }

    public long getUserId() {
        return userId;
    }

    public String getUsername() {
        return username;
    }

    public String getScope() {
        return scope;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public String getRevokedBy() {
        return revokedBy;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
