package org.hlsgateway.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's PostgreSQL cluster (Debian's {@code pg_lsclusters} / {@code pg_ctlcluster}), which a test stops
 * and starts to play a database outage. Runs the tools directly as root, otherwise through {@code sudo -n}.
 */
public final class PostgresCluster {

    private final String version;
    private final String name;

    private PostgresCluster(String version, String name) {
        this.version = version;
        this.name = name;
    }

    /** The first cluster {@code pg_lsclusters} lists (the one on 5432 that .ci/run creates). */
    public static PostgresCluster first() throws IOException, InterruptedException {
        String[] columns = run("pg_lsclusters", "--no-header").strip().lines().findFirst()
                .orElseThrow(() -> new IllegalStateException("pg_lsclusters lists no cluster")).trim().split("\\s+");
        return new PostgresCluster(columns[0], columns[1]);
    }

    public boolean online() throws IOException, InterruptedException {
        return run("pg_lsclusters", "--no-header", version, name).contains("online");
    }

    /** Stops it at once ({@code -m fast}: open connections are closed, as in a restart or failover). */
    public void stop() throws IOException, InterruptedException {
        if (online()) {
            run("pg_ctlcluster", version, name, "stop", "-m", "fast");
        }
    }

    /** Starts it and returns once it accepts connections ({@code pg_ctlcluster} waits for that). */
    public void start() throws IOException, InterruptedException {
        if (!online()) {
            run("pg_ctlcluster", version, name, "start");
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + version + "/" + name;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            line.addAll(List.of("sudo", "-n"));
        }
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", line) + " hangs");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " exited with " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
