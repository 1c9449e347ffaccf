package org.hlsgateway.playback.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.logging.Logger;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.playback.control.PlaybackToken;
import org.hlsgateway.security.entity.Role;

/**
 * Who may watch a channel: anyone for a public channel; for a protected one, a logged-in user
 * or a player with a valid signed token. The signing secret is {@code HLS_TOKEN_SECRET}, or one
 * generated once and kept in {@code HLS_DATA_DIR/token.secret}.
 */
@ApplicationScoped
public class PlaybackAccess {

    private static final Logger LOG = Logger.getLogger(PlaybackAccess.class.getName());

    @Inject
    GatewayConfig config;

    private PlaybackToken tokens;

    @PostConstruct
    void init() {
        tokens = new PlaybackToken(secret());
    }

    /** VALID when the request may watch {@code nickname}; otherwise the reason it may not. */
    public PlaybackToken.Verdict check(String nickname, boolean publicChannel, String token, HttpServletRequest request) {
        if (publicChannel || request.isUserInRole(Role.ADMIN_NAME) || request.isUserInRole(Role.VIEWER_NAME)) {
            return PlaybackToken.Verdict.VALID;
        }
        return tokens.verify(token, nickname, Instant.now().getEpochSecond());
    }

    public String sign(String nickname, long ttlSeconds) {
        return tokens.sign(nickname, Instant.now().getEpochSecond() + ttlSeconds);
    }

    public String signUntil(String subject, long expiresAtEpochSeconds) {
        return tokens.sign(subject, expiresAtEpochSeconds);
    }

    /** The expiry of a valid token for {@code subject}, or -1 when it is not valid. */
    public long validUntil(String subject, String token) {
        if (tokens.verify(token, subject, Instant.now().getEpochSecond()) != PlaybackToken.Verdict.VALID) {
            return -1;
        }
        return Long.parseLong(token.substring(0, token.indexOf('.')));
    }

    private byte[] secret() {
        if (!config.tokenSecret().isBlank()) {
            byte[] configured = config.tokenSecret().getBytes(StandardCharsets.UTF_8);
            if (configured.length < 16) {
                throw new IllegalStateException("HLS_TOKEN_SECRET must have at least 16 characters");
            }
            return configured;
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
}
