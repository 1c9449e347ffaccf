package org.hlsgateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A gateway started the way the run command starts it ({@code server-config/start-micro.sh}) on
 * a free port with its own data directory, and the few API calls the benchmark needs.
 */
final class Gateway implements AutoCloseable {

    static final String PASSWORD = "bench-admin-password";
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"(\\w+)\"");

    final int port;
    final Path dataDir;
    final Path log;
    final long startedNanos;
    private final Process process;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private Gateway(Process process, int port, Path dataDir, Path log, long startedNanos) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** Starts the gateway; returns at once (see {@link #awaitLogLine}, {@link #awaitReady}). */
    static Gateway start(Path root, Path dataDir, int idleTimeoutSeconds, Map<String, String> extraEnv) throws IOException {
        int port = Proc.freePort();
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("micro.log");
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("server-config/start-micro.sh").toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("HLS_PORT", Integer.toString(port));
        env.put("HLS_DATA_DIR", dataDir.toString());
        env.remove("HLS_WORK_DIR");
        env.put("HLS_IDLE_TIMEOUT", Integer.toString(idleTimeoutSeconds));
        env.put("HLS_ADMIN_PASSWORD", PASSWORD);
        env.putAll(extraEnv);
        long t0 = System.nanoTime();
        return new Gateway(builder.start(), port, dataDir, log, t0);
    }

    /** The JVM's pid: start-micro.sh execs java, so it is the pid of the started process. */
    long pid() {
        return process.pid();
    }

    Path workDir() {
        return dataDir.resolve("hls");
    }

    String base() {
        return "http://127.0.0.1:" + port + "/hls_gateway";
    }

    /** Waits for a line of the log that contains {@code text}; returns nanoTime when seen. */
    long awaitLogLine(String text, long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                return System.nanoTime();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited; see " + log);
            }
            Proc.sleep(20);
        }
        throw new IllegalStateException("no '" + text + "' in " + log + " within " + timeoutMillis + " ms");
    }

    /** Polls {@code /health/ready} until it answers 200; returns nanoTime of that answer. */
    static long awaitHealthy(HttpClient http, int port, Process process, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.currentTimeMillis() < deadline) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited before it was ready");
            }
            Proc.sleep(20);
        }
        throw new IllegalStateException("/health/ready did not answer 200 within " + timeoutMillis + " ms");
    }

    long awaitReady(long timeoutMillis) {
        return awaitHealthy(http, port, process, timeoutMillis);
    }

    HttpRequest.Builder api(String path) {
        String auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base() + "/api/" + path)).header("Authorization", "Basic " + auth)
                .timeout(Duration.ofSeconds(30));
    }

    /** Creates a public copy-mode channel (409, already there, is fine). */
    void createChannel(String nickname, String url) throws IOException, InterruptedException {
        String json = "{\"nickname\":\"" + nickname + "\",\"url\":\"" + url + "\",\"public\":true}";
        HttpResponse<String> answer = http.send(api("channels").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201 && answer.statusCode() != 409) {
            throw new IllegalStateException("creating " + nickname + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    String state(String nickname) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(api("channels/" + nickname).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = STATE.matcher(answer.body());
        return m.find() ? m.group(1) : "?" + answer.statusCode();
    }

    void awaitState(String nickname, String state, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            last = state(nickname);
            if (state.equals(last)) {
                return;
            }
            Proc.sleep(50);
        }
        throw new IllegalStateException(nickname + " is " + last + ", not " + state + ", after " + timeoutMillis + " ms");
    }

    /** The running channel's directory (work dir / nickname-run), if any. */
    Optional<Path> channelDir(String nickname) throws IOException {
        if (!Files.isDirectory(workDir())) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(workDir())) {
            // the newest run: an old run's directory stays a little while after a restart
            return dirs.filter(d -> d.getFileName().toString().matches(Pattern.quote(nickname) + "-[a-z0-9]+"))
                    .max(java.util.Comparator.comparingLong(Gateway::modified));
        }
    }

    private static long modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve("index.m3u8")).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    /** A number from the gateway's /hls_gateway/metrics (Prometheus text), or NaN. */
    double metric(String name) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            for (String line : answer.body().split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        Proc.stop(process, 30_000);
    }
}
