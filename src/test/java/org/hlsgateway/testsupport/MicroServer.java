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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro with the gateway that a test starts and kills itself (Arquillian's server must
 * never be killed): the same command as {@code server-config/start-micro.sh}, its own port,
 * data and work directories.
 */
public final class MicroServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private MicroServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** @param env variables to set on top of this JVM's (without its {@code HLS_*}); a null value unsets one */
    public static MicroServer start(Path dataDir, Path workDir, Map<String, String> env) throws Exception {
        return start(dataDir, workDir, env, List.of("--postbootcommandfile",
                System.getProperty("hls.server.config", "server-config") + "/post-boot-commands.asadmin"));
    }

    /** The same on another database: {@code databaseOptions} replace the H2 post-boot commands (e.g. PostgreSQL's driver and pool). */
    public static MicroServer start(Path dataDir, Path workDir, Map<String, String> env, List<String> databaseOptions)
            throws Exception {
        int port = RtspCamera.freePort();
        Path log = Files.createDirectories(dataDir).resolve("micro-" + System.currentTimeMillis() + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dhls.data.dir=" + dataDir,
                "-jar", System.getProperty("hls.micro.jar", "target/payara-micro.jar"),
                "--deploy", System.getProperty("hls.war", "target/hls_gateway.war"),
                "--port", Integer.toString(port), "--nohazelcast",
                "--rootdir", payaraRoot(dataDir).toString()));
        command.addAll(databaseOptions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("HLS_"));
        builder.environment().put("HLS_DATA_DIR", dataDir.toString());
        builder.environment().put("HLS_WORK_DIR", workDir.toString());
        builder.environment().put("HLS_ADMIN_PASSWORD", Gateway.ADMIN_PASSWORD);
        builder.environment().put("HLS_TOKEN_SECRET", System.getProperty("hls.token.secret", "it-token-secret-0123456789"));
        env.forEach((name, value) -> { // a null value removes the variable
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        MicroServer server = new MicroServer(builder.start(), port, log);
        server.awaitReady(Duration.ofSeconds(240));
        return server;
    }

    /** Payara's runtime directory under the data dir, cleared first as start-micro.sh does (a kept one redeploys the old WAR). */
    private static Path payaraRoot(Path dataDir) throws IOException {
        Path root = dataDir.resolve("payara");
        if (Files.exists(root)) {
            try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return root;
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited; see " + log);
            }
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health/ready")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Payara Micro not ready within " + timeout + "; see " + log);
    }

    public URL deployment() throws Exception {
        return URI.create("http://127.0.0.1:" + port + "/hls_gateway/").toURL();
    }

    public URI root() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no {@code @PreDestroy}, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
