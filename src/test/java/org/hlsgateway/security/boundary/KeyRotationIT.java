package org.hlsgateway.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.MicroServer;
import org.hlsgateway.testsupport.RtspCamera;
import org.hlsgateway.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HLS_TOKEN_SECRET rotated with HLS_TOKEN_SECRET_PREVIOUS: tokens of the old key play on until the
 * old key is retired, new ones are signed with the new key. Three starts of its own Payara Micro
 * on the same data (Arquillian's server keeps its secret).
 */
class KeyRotationIT {

    private static final String OLD = "rotation-old-secret-0123456789";
    private static final String NEW = "rotation-new-secret-9876543210";

    @TempDir
    Path tmp;

    @Test
    void tokensOfThePreviousKeyPlayUntilItIsRetired() throws Exception {
        Path data = tmp.resolve("data");
        Path work = tmp.resolve("work");
        try (RtspCamera camera = RtspCamera.start()) {
            String old;
            try (MicroServer first = MicroServer.start(data, work, env(OLD, null))) {
                Gateway gateway = new Gateway(first.deployment());
                gateway.createChannel("rotate1", camera.url(), "\"public\":false");
                old = Tokens.valid(gateway, "rotate1");
                assertEquals(302, gateway.anonymous().get("watch/rotate1?token=" + old).statusCode());
            }

            String fresh;
            try (MicroServer rotated = MicroServer.start(data, work, env(NEW, OLD))) {
                Gateway gateway = new Gateway(rotated.deployment());
                HttpResponse<String> oldOnRotated = gateway.anonymous().get("watch/rotate1?token=" + old);
                fresh = Tokens.valid(gateway, "rotate1");
                assertEquals(302, oldOnRotated.statusCode(), "the previous key still verifies: " + oldOnRotated.body());
                assertEquals(302, gateway.anonymous().get("watch/rotate1?token=" + fresh).statusCode());
            }

            try (MicroServer retired = MicroServer.start(data, work, env(NEW, null))) {
                Gateway gateway = new Gateway(retired.deployment());
                HttpResponse<String> oldAfterRetirement = gateway.anonymous().get("watch/rotate1?token=" + old);
                assertEquals(403, oldAfterRetirement.statusCode());
                assertTrue(Gateway.json(oldAfterRetirement.body()).getString("message").contains("key"),
                        oldAfterRetirement.body());
                assertEquals(302, gateway.anonymous().get("watch/rotate1?token=" + fresh).statusCode(),
                        "new tokens were signed with the new key");
            }
        }
    }

    private static Map<String, String> env(String secret, String previous) {
        Map<String, String> env = new HashMap<>();
        env.put("HLS_TOKEN_SECRET", secret);
        env.put("HLS_TOKEN_SECRET_PREVIOUS", previous);
        return env;
    }
}
