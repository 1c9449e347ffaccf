package org.hlsgateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark harness ({@code mvn -Pbench package}): time to first playable, idle stop,
 * serving, density and start-up, each next to its reference in the same run. Prints as it goes
 * and writes the tables to {@code target/bench/results.md}. Asserts nothing.
 *
 * <p>System properties: {@code bench.root} (project directory), {@code bench.runs} (runs per
 * figure, default 5), {@code bench.seconds} (seconds per load run and density window, default 10),
 * {@code bench.only} (comma list of ttfp, idle, serving, density, startup, lists, path, ll,
 * llserving: LL-HLS serving, blocking requests, viewers per node, memory and CPU per LL channel; cluster: three nodes,
 * with {@code bench.cluster.db}), {@code bench.density}
 * (channel counts, default 1,10,25,50), {@code bench.lists} (channels for the lists section, default 10000).
 */
public final class Bench {

    /** What every section needs. */
    record Context(Path root, Path out, int runs, double seconds, int idleTimeoutSeconds, Report report, Gateway gateway) {
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve("target/bench");
        int runs = Integer.getInteger("bench.runs", 5);
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "10"));
        Set<String> only = new LinkedHashSet<>(Arrays.asList(System.getProperty("bench.only", "startup,ttfp,idle,serving,density")
                .replace(" ", "").split(",")));
        List<Integer> density = Arrays.stream(System.getProperty("bench.density", "1,10,25,50").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int idleTimeout = 2;
        Files.createDirectories(out);
        if (!Files.exists(root.resolve("target/payara-micro.jar")) || !Files.exists(root.resolve("target/hls_gateway.war"))) {
            throw new IllegalStateException("build first: target/hls_gateway.war and target/payara-micro.jar are missing");
        }

        Report report = new Report();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        report.note(Machine.describe(runs, seconds));
        Context base = new Context(root, out, runs, seconds, idleTimeout, report, null);
        if (only.contains("startup")) {
            section(report, "Start-up", () -> new StartUp(base).run());
        }
        if (only.contains("ttfp") || only.contains("idle") || only.contains("serving")) {
            Path data = out.resolve("gateway");
            Proc.deleteTree(data);
            // FFmpeg's MPEG-TS HLS (segment files on disk, what nginx is compared on): LL-HLS is the gateway's default
            try (Gateway gateway = Gateway.start(root, data, idleTimeout, Map.of("HLS_LL", "false"))) {
                gateway.awaitReady(180_000);
                Context ctx = new Context(root, out, runs, seconds, idleTimeout, report, gateway);
                if (only.contains("ttfp")) {
                    section(report, "Time to first playable (cold channel)", () -> {
                        new TimeToFirstPlayable(ctx).run(1);
                        new TimeToFirstPlayable(ctx).run(2);
                    });
                }
                if (only.contains("idle")) {
                    section(report, "Idle stop", () -> new IdleStop(ctx).run());
                }
                if (only.contains("serving")) {
                    section(report, "Serving (keep-alive load, gateway and nginx runs alternate)", () -> new Serving(ctx).run());
                }
            }
        }
        if (only.contains("ll")) {
            Path data = out.resolve("gateway-ll");
            Proc.deleteTree(data);
            try (Gateway gateway = Gateway.start(root, data, idleTimeout, Map.of("HLS_LL", "true"))) {
                gateway.awaitReady(180_000);
                Context ctx = new Context(root, out, runs, seconds, idleTimeout, report, gateway);
                section(report, "LL-HLS start (HLS_LL, the gateway's packager)", () -> new LowLatencyStart(ctx).run(1));
            }
        }
        if (only.contains("llserving")) {
            Path data = out.resolve("gateway-llserving");
            Proc.deleteTree(data);
            int mediaPort = Proc.freePort();
            try (Gateway gateway = Gateway.start(root, data, 10, Map.of("HLS_LL", "true",
                    "HLS_MEDIA_PORT", Integer.toString(mediaPort), "HLS_MEDIA_ADDRESS", "127.0.0.1"));
                 Camera camera = Camera.start(root, 1)) {
                gateway.awaitReady(180_000);
                Context ctx = new Context(root, out, runs, seconds, 10, report, gateway);
                try (LiveLlChannel channel = LiveLlChannel.open(gateway, camera, "bench-llserve", 3, mediaPort)) {
                    section(report, "LL-HLS serving from the media listener (HLS_MEDIA_PORT; wrk keep-alive load, "
                            + "gateway and nginx runs alternate)", () -> new LlServing(ctx, channel, mediaPort, "media port").run());
                    section(report, "LL-HLS serving from the container's port (the same URLs through the servlet; wrk, "
                            + "gateway and nginx runs alternate)", () -> new LlServing(ctx, channel, gateway.port, "main port").run());
                    section(report, "LL-HLS blocking playlist requests held at once (media port)",
                            () -> new BlockingHold(ctx, channel).run(List.of(100, 1000, 5000)));
                    section(report, "LL-HLS viewers per node (one channel, media port)",
                            () -> new LlViewers(ctx, channel).run(List.of(50, 200, 500, 1000)));
                }
            }
            section(report, "Memory and CPU per channel: LL-HLS against plain HLS (copy mode)",
                    () -> new LlDensity(base).run(density));
        }
        if (only.contains("lists")) {
            Path data = out.resolve("gateway-lists");
            Proc.deleteTree(data);
            try (Gateway gateway = Gateway.start(root, data, idleTimeout, Map.of("HLS_PLAYBACK_DEFAULT", "public"))) {
                gateway.awaitReady(180_000);
                Context ctx = new Context(root, out, runs, seconds, idleTimeout, report, gateway);
                section(report, "Lists of " + Integer.getInteger("bench.lists", 10_000) + " channels",
                        () -> new Lists(ctx).run(Integer.getInteger("bench.lists", 10_000)));
            }
        }
        if (only.contains("cluster")) {
            String db = System.getProperty("bench.cluster.db", "");
            if (db.isBlank()) {
                report.note("Cluster: skipped, it needs a PostgreSQL all nodes share: -Dbench.cluster.db=jdbc:postgresql://… "
                        + "-Dbench.cluster.user=… -Dbench.cluster.password=…");
            } else {
                section(report, "Cluster: 3 nodes on this machine (#16)", () -> new ClusterBench(base).run(db,
                        System.getProperty("bench.cluster.user", "hls"), System.getProperty("bench.cluster.password", "")));
            }
        }
        if (only.contains("path")) {
            section(report, "Classes a cold watch crosses", () -> new ColdPath(base).run());
        }
        if (only.contains("density")) {
            section(report, "Density (copy mode)", () -> new Density(base).run(density));
        }
        report.note("Started " + started + ", finished " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ".");
        Path results = out.resolve("results.md");
        Files.writeString(results, "## Benchmark results\n\n" + report.markdown());
        System.out.println("\nwritten to " + results);
    }

    interface Section {
        void run() throws Exception;
    }

    /** Runs one section; a failure is reported and the next section still runs. */
    private static void section(Report report, String name, Section section) {
        double loadBefore = Proc.loadAverage();
        long t0 = System.nanoTime();
        report.heading(name);
        try {
            section.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            report.note("**This section failed:** " + e);
        }
        report.note(String.format(java.util.Locale.ROOT, "_%s took %.0f s; 1-min load average %.2f before, %.2f after._",
                name, (System.nanoTime() - t0) / 1e9, loadBefore, Proc.loadAverage()));
    }
}
