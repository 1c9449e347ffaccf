package org.hlsgateway.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A person who may log in to the console and the API. Only a PBKDF2 hash of the password is kept. */
@Entity
@Table(name = "HLS_USER")
@NamedQuery(name = User.ALL, query = "SELECT u FROM User u ORDER BY u.username")
@NamedQuery(name = User.BY_NAME, query = "SELECT u FROM User u WHERE u.username = :username")
@NamedQuery(name = User.COUNT, query = "SELECT COUNT(u) FROM User u")
public class User {

    public static final String ALL = "User.all";
    public static final String BY_NAME = "User.byName";
    public static final String COUNT = "User.count";

    @Id
    @SequenceGenerator(name = "user_seq", sequenceName = "HLS_USER_SEQ", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_seq")
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, unique = true, length = 64)
    private String username;

    @Column(nullable = false, length = 512)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Role role = Role.VIEWER;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(nullable = false)
    private Instant createdAt;

    /** A viewer's groups, one a line; with {@link #allowedChannels} both empty the viewer sees every channel. */
    @Column(name = "ALLOWED_GROUPS", length = 4000)
    private String allowedGroups;

    /** A viewer's single channels (nicknames), one a line. */
    @Column(name = "ALLOWED_CHANNELS", length = 4000)
    private String allowedChannels;

    /** Bumped when the user is disabled, deleted or changes password: every token signed with an older one is revoked. */
    @Column(name = "TOKEN_GENERATION")
    private Long tokenGeneration = 0L;

    @PrePersist
    void onCreate() {
        createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getAllowedGroups() {
        return allowedGroups;
    }

    public void setAllowedGroups(String allowedGroups) {
        this.allowedGroups = allowedGroups;
    }

    public String getAllowedChannels() {
        return allowedChannels;
    }

    public void setAllowedChannels(String allowedChannels) {
        this.allowedChannels = allowedChannels;
    }

    /** 0 for rows written before the column existed. */
    public long getTokenGeneration() {
        return tokenGeneration == null ? 0 : tokenGeneration;
    }

    /** Revokes every token this user minted so far. */
    public void revokeTokens() {
        tokenGeneration = getTokenGeneration() + 1;
    }
}
