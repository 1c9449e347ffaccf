package org.hlsgateway.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.OptionalLong;
import java.util.logging.Logger;
import org.hlsgateway.security.control.ChannelLimits;
import org.hlsgateway.security.control.LocalRevocationState;
import org.hlsgateway.security.entity.User;

/**
 * Answers, from memory, whether a signed token was revoked: its minter's generation is no longer
 * current (disabled, deleted, password changed) or its recorded id was revoked. Loaded from the
 * database at start ({@link RevocationLoader}) and kept current by every change, at once, so a
 * revocation holds from the next request; no request reads the database. Each change is also
 * written to {@code HLS_DATA_DIR/token-revocations}, read at a start while the database is down.
 * The state is one node's ({@link LocalRevocationState}); a cluster implements
 * {@link org.hlsgateway.security.control.RevocationState} over a shared store instead.
 */
@ApplicationScoped
public class Revocations {

    private static final Logger LOG = Logger.getLogger(Revocations.class.getName());

    private final LocalRevocationState state = new LocalRevocationState();

    @jakarta.inject.Inject
    org.hlsgateway.config.GatewayConfig config;
    /** Each user's channel limits, by user id: read on every request of a logged-in viewer, so in memory too. */
    private final java.util.Map<Long, ChannelLimits> limits = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean loaded;

    /** Null while a token of this minter, generation and id stands; otherwise why not. */
    public String refusal(long userId, long generation, long tokenId) {
        if (!loaded) {
            return null; // the database was not reachable yet: signature and expiry only (logged once at start)
        }
        OptionalLong current = state.generation(userId);
        if (current.isEmpty()) {
            return "the user who minted it no longer exists";
        }
        if (generation != current.getAsLong()) {
            return "its minter was disabled or changed password since";
        }
        if (tokenId > 0 && state.isRevoked(tokenId)) {
            return "token #" + tokenId + " was revoked";
        }
        return null;
    }

    /** The id and generation a token minted now by {@code username} carries; empty for an unknown name. */
    public OptionalLong userId(String username) {
        return state.userId(username);
    }

    public long generation(long userId) {
        return state.generation(userId).orElse(0);
    }

    public String username(long userId) {
        return state.username(userId);
    }

    /** The channel limits of a user; none for an unknown one (admins have none either). */
    public ChannelLimits limits(long userId) {
        return limits.getOrDefault(userId, ChannelLimits.NONE);
    }

    public ChannelLimits limits(String username) {
        OptionalLong id = state.userId(username);
        return id.isEmpty() ? ChannelLimits.NONE : limits(id.getAsLong());
    }

    public boolean isLoaded() {
        return loaded;
    }

    void load(Collection<User> users, Collection<Long> revokedTokenIds) {
        users.forEach(this::changed);
        revokedTokenIds.forEach(state::revoke);
        loaded = true;
        snapshot();
        LOG.info(() -> "token revocations loaded: " + users.size() + " users, " + revokedTokenIds.size() + " revoked tokens");
    }

    void changed(User user) {
        if (user.getId() != null) {
            state.user(user.getId(), user.getUsername(), user.getTokenGeneration());
            limits.put(user.getId(), ChannelLimits.of(user));
            snapshot();
        }
    }

    void deleted(User user) {
        state.userDeleted(user.getId());
        limits.remove(user.getId());
        snapshot();
    }

    void revoked(long tokenId) {
        state.revoke(tokenId);
        snapshot();
    }

    /**
     * At a start without a database: the generations and revoked ids of the last snapshot, so a
     * revocation holds through an outage. False when there is none.
     */
    boolean loadSnapshot() {
        java.nio.file.Path file = snapshotFile();
        if (loaded || file == null || !java.nio.file.Files.isRegularFile(file)) {
            return false;
        }
        try {
            int users = state.restore(java.nio.file.Files.readString(file));
            loaded = true;
            LOG.warning(() -> "token revocations loaded from " + file + " (" + users + " users) until the database answers");
            return true;
        } catch (java.io.IOException e) {
            LOG.warning(() -> "cannot read " + file + ": " + e.getMessage());
            return false;
        }
    }

    /** Written on every change (a file write per user change or revocation, never per request). */
    private synchronized void snapshot() {
        java.nio.file.Path file = snapshotFile();
        if (file == null || !loaded) {
            return;
        }
        try {
            java.nio.file.Path next = file.resolveSibling(file.getFileName() + ".new");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(next, state.snapshot());
            java.nio.file.Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            LOG.warning(() -> "cannot write " + file + ": " + e.getMessage());
        }
    }

    private java.nio.file.Path snapshotFile() {
        return config == null ? null : config.dataDir().resolve("token-revocations");
    }
}
