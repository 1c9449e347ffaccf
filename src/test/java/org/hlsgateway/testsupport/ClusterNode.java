package org.hlsgateway.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One gateway started with the run command's script ({@code server-config/start-micro.sh}), as an operator starts a
 * cluster node: every setting from the environment. Stopped with SIGTERM (a clean leave) or SIGKILL (a crash).
 */
public final class ClusterNode implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ClusterNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the node; call {@link #awaitReady} (nodes of one cluster start side by side). */
    public static ClusterNode launch(Path dir, int port, Map<String, String> env) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("node-" + port + ".log");
        String config = System.getProperty("hls.server.config", "server-config");
        ProcessBuilder builder = new ProcessBuilder("bash", config + "/start-micro.sh")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("HLS_"));
        builder.environment().put("HLS_PORT", Integer.toString(port));
        builder.environment().put("HLS_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("HLS_ADMIN_PASSWORD", Gateway.ADMIN_PASSWORD);
        builder.environment().put("HLS_TOKEN_SECRET", System.getProperty("hls.token.secret", "it-token-secret-0123456789"));
        builder.environment().putAll(env);
        return new ClusterNode(builder.start(), port, log);
    }

    public ClusterNode awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node on port " + port + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health/ready")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("node on port " + port + " not ready within " + timeout + "; see " + log);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public URL deployment() throws Exception {
        return URI.create(url() + "/hls_gateway/").toURL();
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: the node dies without a word (no shutdown hook, no handover). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: a clean leave; waits until the process is gone. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate(Duration.ofSeconds(30));
        }
    }
}
