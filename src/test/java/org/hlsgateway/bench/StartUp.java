package org.hlsgateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Figure 5: from the run command's server start ({@code server-config/start-micro.sh}) to ready
 * (first 200 from {@code /health/ready}, and Payara's "ready in" log line), and resident memory
 * at idle; then a restart on the same data directory. Reference: Payara Micro alone (same JVM, no application) started the same way; it has
 * no health endpoint without an application, so its mark is its "ready in" line.
 */
final class StartUp {

    private final Bench.Context ctx;

    StartUp(Bench.Context ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        Stats gwReady = new Stats();
        Stats gwLog = new Stats();
        Stats gwRss = new Stats();
        Stats gwRestart = new Stats();
        Stats bareReady = new Stats();
        Stats bareRss = new Stats();
        for (int i = 0; i < ctx.runs(); i++) {
            Path data = ctx.out().resolve("startup-" + i);
            Proc.deleteTree(data);
            try (Gateway gw = Gateway.start(ctx.root(), data, 10, Map.of())) {
                long ready = gw.awaitReady(180_000);
                long logged = gw.awaitLogLine("ready in", 60_000);
                Proc.sleep(5000);
                gwReady.add(Player.ms(ready - gw.startedNanos));
                gwLog.add(Player.ms(logged - gw.startedNanos));
                gwRss.add(Proc.rssBytes(gw.pid()) / 1e6);
            }
            // a restart on the same data directory (schema, users and Payara's runtime directory exist): the outage an upgrade causes
            try (Gateway gw = Gateway.start(ctx.root(), data, 10, Map.of())) {
                gwRestart.add(Player.ms(gw.awaitReady(180_000) - gw.startedNanos));
            }
            Proc.deleteTree(data);
            int port = Proc.freePort();
            Path micro = ctx.root().resolve("target/payara-micro.jar");
            Path dir = ctx.out().resolve("micro-alone");
            Proc.deleteTree(dir);
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            Process bare = new ProcessBuilder("java", "-jar", micro.toString(), "--port", Integer.toString(port), "--nohazelcast")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("micro.log").toFile()).start();
            try {
                long ready = awaitLine(dir.resolve("micro.log"), "ready in", bare, 180_000);
                Proc.sleep(5000);
                bareReady.add(Player.ms(ready - t0));
                bareRss.add(Proc.rssBytes(bare.pid()) / 1e6);
            } finally {
                Proc.stop(bare, 30_000);
            }
            System.out.printf("  run %d: gateway ready %.0f ms (log %.0f ms, restart %.0f ms), RSS %.0f MB; Payara Micro alone ready %.0f ms, RSS %.0f MB%n",
                    i + 1, gwReady.last(), gwLog.last(), gwRestart.last(), gwRss.last(), bareReady.last(), bareRss.last());
        }
        String reference = "Payara Micro alone, no application → \"ready in\"";
        ctx.report().row("Start-up: start-micro.sh → /health/ready answers 200 (empty data dir)", "ms", gwReady,
                reference, bareReady, Report.Better.LOWER, null);
        ctx.report().row("Start-up: start-micro.sh → log line \"ready in\"", "ms", gwLog, reference, bareReady, Report.Better.LOWER, null);
        ctx.report().row("Restart: start-micro.sh on the same data dir → /health/ready answers 200", "ms", gwRestart,
                reference, bareReady, Report.Better.LOWER, null);
        ctx.report().row("Resident memory 5 s after ready, idle", "MB", gwRss, "Payara Micro alone", bareRss, Report.Better.LOWER, null);
    }

    private static long awaitLine(Path log, String text, Process process, long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                return System.nanoTime();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited; see " + log);
            }
            Proc.sleep(20);
        }
        throw new IllegalStateException("no '" + text + "' in " + log);
    }
}
