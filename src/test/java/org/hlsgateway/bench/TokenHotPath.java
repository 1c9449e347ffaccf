package org.hlsgateway.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hlsgateway.security.control.PlaybackToken;
import org.hlsgateway.security.control.TokenGrant;
import org.hlsgateway.security.control.TokenScope;
import org.hlsgateway.security.control.LocalRevocationState;

/**
 * What checking a token costs on the hot path, before and after a change of the token format:
 * {@code verify} alone (ns per call; the earlier format's class loaded from {@code --old-classes}),
 * and protected playlist and segment requests per second with a valid token against a gateway
 * started from {@code --root} with {@code HLS_LL=false} (FFmpeg's MPEG-TS HLS, as older checkouts served by default; a built checkout: {@code target/hls_gateway.war}, {@code target/payara-micro.jar}).
 *
 * <pre>java -cp target/test-classes:target/classes:... org.hlsgateway.bench.TokenHotPath
 *     [--old-classes DIR] [--root DIR] [--threads 8] [--seconds 10]</pre>
 */
public final class TokenHotPath {

    private static final Pattern URL = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"");

    private TokenHotPath() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (o.containsKey("old-classes") || !o.containsKey("root")) {
            verifyCost(o.get("old-classes"));
        }
        if (o.containsKey("root")) {
            http(Path.of(o.get("root")).toAbsolutePath(), Integer.parseInt(o.getOrDefault("threads", "8")),
                    Integer.parseInt(o.getOrDefault("seconds", "10")));
        }
    }

    private static void verifyCost(String oldClasses) throws Exception {
        byte[] secret = "bench-token-secret-0123456789".getBytes(StandardCharsets.UTF_8);
        long expiry = Instant.now().getEpochSecond() + 3600;
        long now = Instant.now().getEpochSecond();
        PlaybackToken tokens = new PlaybackToken(secret, "bench-previous-secret-0123".getBytes(StandardCharsets.UTF_8));
        LocalRevocationState state = new LocalRevocationState();
        state.user(7, "alice", 3);
        String token = tokens.sign(TokenScope.channel("cam1"), expiry, new TokenGrant(7, 3, 0));
        TokenScope scope = TokenScope.channel("cam1");
        org.hlsgateway.security.control.TokenRevocations revocations = g -> state.generation(g.userId()).orElse(-1) == g.generation()
                && !(g.tokenId() > 0 && state.isRevoked(g.tokenId())) ? null : "revoked";
        report("verify, new format (" + token.length() + " chars, with revocation check)",
                () -> tokens.verify(token, scope, now, revocations).valid() ? 1 : 0);
        if (oldClasses != null) {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(oldClasses).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                Class<?> old = loader.loadClass("org.hlsgateway.security.control.PlaybackToken");
                Constructor<?> make = old.getConstructor(byte[].class);
                Object oldTokens = make.newInstance((Object) secret);
                Method sign = old.getMethod("sign", String.class, long.class);
                Method verify = old.getMethod("verify", String.class, String.class, long.class);
                String oldToken = (String) sign.invoke(oldTokens, "cam1", expiry);
                Object valid = verify.invoke(oldTokens, oldToken, "cam1", now);
                report("verify, old format (" + oldToken.length() + " chars)", () -> {
                    try {
                        return verify.invoke(oldTokens, oldToken, "cam1", now) == valid ? 1 : 0;
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
    }

    /** Median of 5 one-second runs after a 3 s warm-up, in ns per call. */
    private static void report(String what, LongSupplier call) {
        double[] runs = NanoTimer.runs(call);
        System.out.printf("%-60s %8.0f ns/call (runs %.0f..%.0f)%n", what, runs[2], runs[0], runs[4]);
    }

    private static void http(Path root, int threads, int seconds) throws Exception {
        Path data = root.resolve("target/bench-tokens/data-" + System.nanoTime());
        try (Camera camera = Camera.start(root, 1);
             Gateway gateway = Gateway.start(root, data, 120, Map.of("HLS_TOKEN_SECRET", "bench-token-secret-0123456789", "HLS_LL", "false"))) {
            gateway.awaitReady(300_000);
            String json = "{\"nickname\":\"tok1\",\"url\":\"" + camera.url() + "\",\"public\":false}";
            gateway.http.send(gateway.api("channels").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            String answer = gateway.http.send(gateway.api("channels/tok1/playback-url?ttl=3600").GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = URL.matcher(answer);
            if (!m.find()) {
                throw new IllegalStateException("no playback URL: " + answer);
            }
            URI watch = URI.create(m.group(1));
            HttpResponse<String> redirect = gateway.http.send(HttpRequest.newBuilder(watch).timeout(java.time.Duration.ofSeconds(60))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            URI playlist = watch.resolve(redirect.headers().firstValue("Location").orElseThrow(
                    () -> new IllegalStateException("watch answered " + redirect.statusCode() + " " + redirect.body())));
            Proc.sleep(3000);
            System.out.printf("%-60s %8.0f req/s%n", "protected playlist with a valid token, " + threads + " threads",
                    load(gateway, threads, seconds, () -> playlist));
            AtomicLong refreshed = new AtomicLong();
            String[] newest = {newestSegment(gateway, playlist)};
            System.out.printf("%-60s %8.0f req/s%n", "protected segment with a valid token, " + threads + " threads",
                    load(gateway, threads, seconds, () -> {
                        long second = System.currentTimeMillis() / 1000;
                        if (refreshed.getAndSet(second) != second) {
                            newest[0] = newestSegment(gateway, playlist);
                        }
                        return playlist.resolve(newest[0]);
                    }));
        }
    }

    private static String newestSegment(Gateway gateway, URI playlist) {
        try {
            List<String> lines = gateway.http.send(HttpRequest.newBuilder(playlist).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
            return lines.get(lines.size() - 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double load(Gateway gateway, int threads, int seconds, java.util.function.Supplier<URI> next)
            throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        int status = gateway.http.send(HttpRequest.newBuilder(next.get()).GET().build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 200 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            workers[i].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failed.get() > ok.get() / 100) {
            System.out.println("  (" + failed.get() + " requests failed)");
        }
        return ok.get() / (double) seconds;
    }
}
