package org.hlsgateway.security.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.logging.Logger;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.security.control.PlaybackToken;
import org.hlsgateway.security.control.TokenGrant;
import org.hlsgateway.security.control.TokenRevocations;
import org.hlsgateway.security.control.TokenScope;
import org.hlsgateway.security.control.TokenTtl;
import org.hlsgateway.security.control.Audit;
import org.hlsgateway.security.control.ChannelLimits;
import org.hlsgateway.security.control.ChannelGroups;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hlsgateway.security.entity.Role;

/**
 * Who may watch a channel: anyone for a public channel; for a protected one, a logged-in user
 * or a player with a valid signed token. Tokens are signed with {@code HLS_TOKEN_SECRET}, or one
 * generated once and kept in {@code HLS_DATA_DIR/token.secret}; the previous key
 * ({@code HLS_TOKEN_SECRET_PREVIOUS}, or {@code token.secret.previous}) still verifies.
 */
@ApplicationScoped
public class PlaybackAccess {

    private static final Logger LOG = Logger.getLogger(PlaybackAccess.class.getName());
    private static final PlaybackToken.Check LOGGED_IN = new PlaybackToken.Check(PlaybackToken.Verdict.VALID, null, null, -1);
    private static final PlaybackToken.Check OUT_OF_LIMITS = new PlaybackToken.Check(PlaybackToken.Verdict.OUT_OF_LIMITS,
            PlaybackToken.Verdict.OUT_OF_LIMITS.message(), null, -1);
    private static final long GROUP_FRESH_NANOS = 1_000_000_000L;

    @Inject
    GatewayConfig config;

    @Inject
    Revocations revocations;

    @Inject
    IssuedTokens issued;

    @Inject
    UserService users;

    @Inject
    ChannelGroups channels;

    /** The group of each channel a limited viewer asked for, at most a second old: no database read per segment. */
    private final Map<String, KnownGroup> groups = new ConcurrentHashMap<>();

    private record KnownGroup(String group, long readAtNanos) {
    }

    private PlaybackToken tokens;
    private TokenRevocations revoked;

    @PostConstruct
    void init() {
        tokens = new PlaybackToken(secret(), previousSecret());
        revoked = grant -> revocations.refusal(grant.userId(), grant.generation(), grant.tokenId());
    }

    /** VALID when the request may watch {@code nickname}; otherwise the reason it may not. */
    public PlaybackToken.Check check(String nickname, boolean publicChannel, String token, HttpServletRequest request) {
        if (publicChannel || request.isUserInRole(Role.ADMIN_NAME)) {
            return LOGGED_IN;
        }
        if (request.isUserInRole(Role.VIEWER_NAME)) {
            ChannelLimits limits = limits(request);
            if (limits.unlimited() || limits.allows(nickname, limits.needsGroup(nickname) ? groupOf(nickname) : null)) {
                return LOGGED_IN;
            }
            Audit.refused("channel " + nickname, request.getRemoteAddr(), request.getUserPrincipal().getName(), 0,
                    "outside the user's channel limits");
            return OUT_OF_LIMITS;
        }
        return verify(token, TokenScope.channel(nickname), request);
    }

    /**
     * As {@link #check(String, boolean, String, HttpServletRequest)} for a request with no login (the media listener):
     * anyone for a public channel, a valid token for a protected one.
     */
    public PlaybackToken.Check checkToken(String nickname, boolean publicChannel, String token, String remoteAddress) {
        return publicChannel ? LOGGED_IN : verify(token, TokenScope.channel(nickname), remoteAddress);
    }

    /** The logged-in caller's channel limits: none for admins (and for anyone not logged in, who sees public channels). */
    public ChannelLimits limits(HttpServletRequest request) {
        if (request.getUserPrincipal() == null || request.isUserInRole(Role.ADMIN_NAME)) {
            return ChannelLimits.NONE;
        }
        return revocations.limits(request.getUserPrincipal().getName());
    }

    /** The channel limits of a token's minter, e.g. for the channels of a playlist URL. */
    public ChannelLimits limits(TokenGrant grant) {
        return revocations.limits(grant.userId());
    }

    /** Whether the logged-in caller may see and watch the channel; 403 for one outside their limits. */
    public void requireWithinLimits(HttpServletRequest request, String nickname, String group) {
        if (!limits(request).allows(nickname, group)) {
            throw new WebApplicationException(ErrorResponses.of(Response.Status.FORBIDDEN,
                    "your account may not watch channel '" + nickname + "' (an admin limited it to some groups or channels)"));
        }
    }

    private String groupOf(String nickname) {
        long now = System.nanoTime();
        KnownGroup known = groups.get(nickname);
        if (known == null || now - known.readAtNanos() > GROUP_FRESH_NANOS) {
            known = new KnownGroup(channels.groupOf(nickname), now);
            groups.put(nickname, known);
        }
        return known.group();
    }

    /** The token checked against {@code scope}; a refused one is written to the audit log. */
    public PlaybackToken.Check verify(String token, TokenScope scope, HttpServletRequest request) {
        return verify(token, scope, request.getRemoteAddr());
    }

    private PlaybackToken.Check verify(String token, TokenScope scope, String remoteAddress) {
        PlaybackToken.Check check = tokens.verify(token, scope, Instant.now().getEpochSecond(), revoked);
        if (!check.valid() && check.verdict() != PlaybackToken.Verdict.MISSING) {
            TokenGrant grant = check.grant();
            String minter = grant == null ? null : minterName(grant.userId());
            Audit.refused(scope.describe(), remoteAddress, minter, grant == null ? 0 : grant.tokenId(),
                    check.verdict().name().toLowerCase() + ", " + check.detail());
        }
        return check;
    }

    /** The ttl the caller asked for, within what their role may mint; {@link TokenTtl.Refused} otherwise. */
    public long ttl(String ttl, HttpServletRequest request) {
        return TokenTtl.resolve(ttl, config.tokenTtlSeconds(), cap(request));
    }

    /** A token the logged-in caller mints for {@code scope}, valid until {@code expiresAt}; long-lived ones are recorded. */
    public String mint(TokenScope scope, long expiresAt, HttpServletRequest request) {
        boolean longLived = scope.kind() != TokenScope.Kind.CHANNEL || isLongLived(expiresAt);
        return tokens.sign(scope, expiresAt, grant(request, scope, expiresAt, longLived));
    }

    /** Valid over a day: such tokens are recorded, listed and revocable one by one. */
    public static boolean isLongLived(long expiresAt) {
        return expiresAt - Instant.now().getEpochSecond() > TokenTtl.LONG_LIVED;
    }

    /** The caller's grant, with the id of a new record of what it is for when {@code record}. */
    public TokenGrant grant(HttpServletRequest request, TokenScope scope, long expiresAt, boolean record) {
        TokenGrant grant = grant(request);
        return record ? grant.withTokenId(issued.record(grant.userId(), scope.describe(), Instant.ofEpochSecond(expiresAt)))
                : grant;
    }

    /** A token on behalf of an earlier one's grant, e.g. the channel URLs of a playlist: revoked with it. */
    public String sign(TokenScope scope, long expiresAt, TokenGrant grant) {
        return tokens.sign(scope, expiresAt, grant);
    }

    /** What a token the logged-in caller mints now carries; 503 when the user store cannot say. */
    public TokenGrant grant(HttpServletRequest request) {
        String username = request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
        if (username == null) {
            throw new IllegalStateException("only a logged-in user mints tokens");
        }
        OptionalLong id = revocations.userId(username);
        if (id.isPresent()) {
            return new TokenGrant(id.getAsLong(), revocations.generation(id.getAsLong()), 0);
        }
        try {
            return users.find(username).map(u -> new TokenGrant(u.getId(), u.getTokenGeneration(), 0)).orElseThrow();
        } catch (RuntimeException e) {
            throw new WebApplicationException(ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE,
                    "cannot mint a token now: the user store is not reachable"));
        }
    }

    private long cap(HttpServletRequest request) {
        return request.isUserInRole(Role.ADMIN_NAME) ? TokenTtl.MAX : config.tokenMaxTtlViewerSeconds();
    }

    private String minterName(long userId) {
        String name = revocations.username(userId);
        return name == null ? "user id " + userId : name;
    }

    private byte[] secret() {
        if (!config.tokenSecret().isBlank()) {
            return configured(config.tokenSecret(), "HLS_TOKEN_SECRET");
        }
        Path file = config.dataDir().resolve("token.secret");
        try {
            if (Files.isRegularFile(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            Files.createDirectories(config.dataDir());
            Files.writeString(file, Base64.getEncoder().encodeToString(generated));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.fine("no POSIX permissions on this file system");
            }
            LOG.info(() -> "generated the playback token secret in " + file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** The key before the last rotation, still accepted; null when there is none (retired). */
    private byte[] previousSecret() {
        if (!config.tokenSecretPrevious().isBlank()) {
            LOG.info("HLS_TOKEN_SECRET_PREVIOUS is set: tokens signed with it are still accepted until it is removed");
            return configured(config.tokenSecretPrevious(), "HLS_TOKEN_SECRET_PREVIOUS");
        }
        Path file = config.dataDir().resolve("token.secret.previous");
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            LOG.info(() -> file + " exists: tokens signed with it are still accepted until it is deleted");
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read " + file + " (base64 of the previous key): " + e.getMessage(), e);
        }
    }

    private static byte[] configured(String value, String name) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 16) {
            throw new IllegalStateException(name + " must have at least 16 characters");
        }
        return bytes;
    }
}
