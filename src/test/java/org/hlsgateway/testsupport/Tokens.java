package org.hlsgateway.testsupport;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hlsgateway.security.control.PlaybackToken;
import org.hlsgateway.security.control.TokenGrant;
import org.hlsgateway.security.control.TokenScope;

/**
 * Tokens for the ITs: valid ones minted by the gateway (they name a real user and generation),
 * and ones signed here with the ITs' HLS_TOKEN_SECRET, e.g. ones that have already expired.
 */
public final class Tokens {

    public static final PlaybackToken SIGNER = new PlaybackToken(
            System.getProperty("hls.token.secret", "it-token-secret-0123456789").getBytes(StandardCharsets.UTF_8));
    /** Any minter: an expired or forged token is refused before anyone asks who minted it. */
    private static final TokenGrant NOBODY = new TokenGrant(1, 0, 0);

    private Tokens() {
    }

    public static String expired(String nickname) {
        return SIGNER.sign(TokenScope.channel(nickname), Instant.now().getEpochSecond() - 60, NOBODY);
    }

    /** Well signed, unexpired, but minted by a user id that does not exist. */
    public static String ofNobody(String nickname) {
        return SIGNER.sign(TokenScope.channel(nickname), Instant.now().getEpochSecond() + 600, new TokenGrant(999_999, 0, 0));
    }

    /** A token the gateway mints for {@code gateway}'s user, valid for 600 s. */
    public static String valid(Gateway gateway, String nickname) throws IOException, InterruptedException {
        return of(gateway.get("api/channels/" + nickname + "/playback-url?ttl=600").body());
    }

    /** The token of a {@code {"url": ...?token=...}} answer. */
    public static String of(String signedUrlJson) {
        JsonObject json = Gateway.json(signedUrlJson);
        return query(URI.create(json.getString("url")), "token");
    }

    public static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }
}
