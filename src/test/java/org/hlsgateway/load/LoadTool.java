package org.hlsgateway.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hlsgateway.testsupport.FfmpegProcesses;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.RtspCamera;

/**
 * The load test against a running gateway: creates {@code --channels} public channels on one
 * camera, runs {@code --viewers} simulated players for {@code --duration} seconds, then a
 * thundering herd of {@code --herd} first requests to a cold channel; prints a summary and exits
 * 1 if any request failed, any segment was missed, or the herd started more than one FFmpeg.
 */
public final class LoadTool {

    private static final String USAGE = """
            usage: LoadTool [--base URL] [--user admin] [--password PW] [--camera RTSP_URL]
                            [--viewers 500] [--channels 20] [--duration 60] [--segment 1]
                            [--prefix load] [--ramp 5] [--herd 200] [--pid GATEWAY_PID] [--http 1.1|2]
              --base      the gateway's context root (default http://127.0.0.1:8080/hls_gateway/)
              --password  the admin's password (default: $HLS_ADMIN_PASSWORD)
              --camera    RTSP URL every channel reads; without it the tool starts the test camera
                          (src/test/camera/rtsp_camera.py, run from the repository root)
              --ramp      seconds over which the viewers join, evenly
              --herd      simultaneous first requests to one cold channel afterwards; 0 skips it
              --http      2: let the JDK client try HTTP/2 (h2c upgrade) instead of players' HTTP/1.1
              --pid       the gateway's process to sample; by default the one listening on the base URL's port
            """;

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        URI base = URI.create(withSlash(o.getOrDefault("base", "http://127.0.0.1:8080/hls_gateway/")));
        String password = o.getOrDefault("password", System.getenv().getOrDefault("HLS_ADMIN_PASSWORD", ""));
        Gateway admin = new Gateway(base.toURL()).as(o.getOrDefault("user", "admin"), password);
        int viewers = Integer.parseInt(o.getOrDefault("viewers", "500"));
        int channelCount = Integer.parseInt(o.getOrDefault("channels", "20"));
        Duration duration = Duration.ofSeconds(Long.parseLong(o.getOrDefault("duration", "60")));
        Duration segment = Duration.ofMillis((long) (Double.parseDouble(o.getOrDefault("segment", "1")) * 1000));
        String prefix = o.getOrDefault("prefix", "load");
        int herd = Integer.parseInt(o.getOrDefault("herd", "200"));
        Duration ramp = Duration.ofSeconds(Long.parseLong(o.getOrDefault("ramp", "5")));
        java.net.http.HttpClient.Version http = "2".equals(o.getOrDefault("http", "1.1"))
                ? java.net.http.HttpClient.Version.HTTP_2 : java.net.http.HttpClient.Version.HTTP_1_1;
        Optional<Long> pid = o.containsKey("pid") ? Optional.of(Long.parseLong(o.get("pid")))
                : ProcessSampler.listeningOn(base.getPort() < 0 ? 80 : base.getPort());

        RtspCamera ownCamera = o.containsKey("camera") ? null : RtspCamera.start();
        String camera = ownCamera == null ? o.get("camera") : ownCamera.url();
        boolean ok;
        try {
            List<String> channels = new ArrayList<>();
            for (int i = 1; i <= channelCount; i++) {
                String nickname = String.format(Locale.ROOT, "%s%02d", prefix, i);
                admin.createChannel(nickname, camera, null);
                channels.add(nickname);
            }
            System.out.printf("%d viewers on %d channels (%s) for %d s, camera %s, gateway pid %s%n", viewers, channelCount,
                    channels.get(0) + ".." + channels.get(channels.size() - 1), duration.toSeconds(), camera,
                    pid.map(String::valueOf).orElse("unknown (no CPU/memory figures)"));
            LoadScenario.Result result = new LoadScenario(base, channels, viewers, duration, segment).over(http).joiningOver(ramp).run(pid);
            System.out.print(report(result));
            ok = result.errors() == 0 && result.missed() == 0;
            if (herd > 0) {
                String cold = prefix + "herd";
                admin.createChannel(cold, camera, null);
                double startsBefore = starts(admin, base);
                ThunderingHerd.Result herdResult = new ThunderingHerd(base, cold, herd).over(http)
                        .run(() -> FfmpegProcesses.forChannel(cold).stream().map(ProcessHandle::pid).toList());
                double started = starts(admin, base) - startsBefore;
                System.out.print(report(herdResult, cold, started));
                ok &= herdResult.playable() == herd && herdResult.ffmpegPids().size() <= 1 && started <= 1;
            }
        } finally {
            if (ownCamera != null) {
                ownCamera.close();
            }
        }
        System.exit(ok ? 0 : 1);
    }

    /** The summary table of a scenario. */
    public static String report(LoadScenario.Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n| %-32s | %s |%n|%s|%s|%n", "load", "result", "-".repeat(34), "-".repeat(40)));
        row(s, "viewers / channels / duration", r.viewers() + " / " + r.channels() + " / " + r.duration().toSeconds() + " s");
        row(s, "errors (non-2xx, I/O)", Long.toString(r.errors()));
        r.errorKinds().forEach((kind, n) -> row(s, "  " + kind, Long.toString(n)));
        row(s, "missed segments", Long.toString(r.missed()));
        row(s, "segments fetched (min per viewer)", r.segments() + " (" + r.minSegmentsPerViewer() + ")");
        row(s, "bytes fetched", String.format(Locale.ROOT, "%.1f MB (%.1f MB/s)", r.bytes() / 1e6,
                r.bytes() / 1e6 / Math.max(1, r.duration().toSeconds())));
        row(s, "most segments a viewer was behind", Long.toString(r.maxBehind()));
        row(s, "FFmpeg restarts seen by viewers", Long.toString(r.restarts()));
        row(s, "watch latency p50 / p99 / max", latencies(r.watch()));
        row(s, "playlist polls", Long.toString(r.playlistPolls()));
        row(s, "playlist latency p50 / p99 / max", latencies(r.playlist()));
        row(s, "segment latency p50 / p99 / max", latencies(r.segment()));
        List<ProcessSampler.Sample> g = r.gateway();
        if (!g.isEmpty()) {
            List<List<ProcessSampler.Sample>> thirds = List.of(g.subList(0, Math.max(1, g.size() / 3)),
                    g.subList(g.size() / 3, Math.max(g.size() / 3 + 1, 2 * g.size() / 3)), g.subList(2 * g.size() / 3, g.size()));
            row(s, "gateway JVM CPU start / mid / end", String.format(Locale.ROOT, "%.0f %% / %.0f %% / %.0f %%",
                    mean(thirds.get(0), true), mean(thirds.get(1), true), mean(thirds.get(2), true)));
            row(s, "FFmpeg CPU (all) start / mid / end", String.format(Locale.ROOT, "%.0f %% / %.0f %% / %.0f %%",
                    mean(thirds.get(0), false), mean(thirds.get(1), false), mean(thirds.get(2), false)));
            row(s, "gateway RSS start / mid / end", String.format(Locale.ROOT, "%d / %d / %d MB",
                    g.get(0).rssKb() / 1024, g.get(g.size() / 2).rssKb() / 1024, g.get(g.size() - 1).rssKb() / 1024));
            row(s, "FFmpeg processes at the end", Integer.toString(g.get(g.size() - 1).ffmpegs()));
            row(s, "gateway threads runnable (mean)", String.format(Locale.ROOT, "%.1f",
                    g.stream().mapToInt(ProcessSampler.Sample::runnableThreads).average().orElse(0)));
            row(s, "load tool CPU (mean)", String.format(Locale.ROOT, "%.0f %%",
                    g.stream().mapToDouble(ProcessSampler.Sample::clientCpuPercent).average().orElse(0)));
            row(s, "machine busy / load avg (mean)", String.format(Locale.ROOT, "%.0f %% of %d cores / %.1f",
                    g.stream().mapToDouble(ProcessSampler.Sample::machineBusyPercent).average().orElse(0),
                    Runtime.getRuntime().availableProcessors(),
                    g.stream().mapToDouble(ProcessSampler.Sample::loadAverage).average().orElse(0)));
        }
        s.append("(CPU: 100 % = one core; averages over each third of the run)\n");
        r.errorLines().stream().limit(10).forEach(e -> s.append("  error: ").append(e).append('\n'));
        return s.toString();
    }

    /** The summary table of a thundering herd. */
    public static String report(ThunderingHerd.Result h, String channel, double startsCounted) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n| %-32s | %s |%n|%s|%s|%n", "thundering herd on " + channel, "result",
                "-".repeat(34), "-".repeat(40)));
        row(s, "simultaneous first requests", Integer.toString(h.requests()));
        row(s, "302 + playlist + segment", Integer.toString(h.playable()));
        row(s, "FFmpeg processes seen (PIDs)", h.ffmpegPids().size() + " " + h.ffmpegPids());
        row(s, "hls_transcoder_starts_total +", String.format(Locale.ROOT, "%.0f", startsCounted));
        row(s, "slowest first request", String.format(Locale.ROOT, "%.0f ms", h.slowestMillis()));
        h.failures().stream().limit(10).forEach(e -> s.append("  failure: ").append(e).append('\n'));
        return s.toString();
    }

    /** The gateway's {@code hls_transcoder_starts_total} (all channels) from {@code /hls_gateway/metrics}. */
    public static double starts(Gateway admin, URI base) throws Exception {
        URI metrics = URI.create(withSlash(base.toString())).resolve("metrics");
        String text = admin.get(metrics).body();
        Matcher m = Pattern.compile("(?m)^hls_transcoder_starts_total ([0-9.eE+-]+)$").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("hls_transcoder_starts_total is missing from " + metrics);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String latencies(Latencies l) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.0f ms", l.percentileMillis(50), l.percentileMillis(99), l.maxMillis());
    }

    private static double mean(List<ProcessSampler.Sample> samples, boolean jvm) {
        return samples.stream().mapToDouble(x -> jvm ? x.jvmCpuPercent() : x.ffmpegCpuPercent()).average().orElse(0);
    }

    private static void row(StringBuilder s, String what, String value) {
        s.append(String.format(Locale.ROOT, "| %-32s | %-38s |%n", what, value));
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length || args[i].equals("--help")) {
                System.err.print(USAGE);
                System.exit(2);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
