package org.hlsgateway.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hlsgateway.playback.control.PlaybackToken;

/** Signs tokens with the ITs' HLS_TOKEN_SECRET, e.g. ones that have already expired. */
public final class Tokens {

    private static final PlaybackToken SIGNER = new PlaybackToken(
            System.getProperty("hls.token.secret", "it-token-secret-0123456789").getBytes(StandardCharsets.UTF_8));

    private Tokens() {
    }

    public static String expired(String nickname) {
        return SIGNER.sign(nickname, Instant.now().getEpochSecond() - 60);
    }

    public static String valid(String nickname) {
        return SIGNER.sign(nickname, Instant.now().getEpochSecond() + 600);
    }
}
