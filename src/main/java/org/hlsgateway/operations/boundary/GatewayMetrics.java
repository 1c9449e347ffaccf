package org.hlsgateway.operations.boundary;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ObjectName;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.StartFailedException;
import org.hlsgateway.transcoding.control.TranscoderRegistry;

/**
 * The gateway's metrics in a Micrometer registry inside the WAR, so that they answer the same on every
 * server ({@link MetricsServlet}, Prometheus text): running transcoders, starts, failures by reason,
 * time to first segment (a histogram in seconds), bytes served, viewers per channel, threads, open files.
 */
@ApplicationScoped
public class GatewayMetrics implements TranscoderRegistry.Listener {

    /** Bucket bounds of {@code hls_first_segment_seconds}: FFmpeg's first segment takes one to a few segment lengths. */
    static final Duration[] FIRST_SEGMENT_BUCKETS = {Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(7),
            Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Inject
    Transcoders transcoders;

    @Inject
    DatabaseStatus database;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<StartFailedException.Kind, Counter> failures = new ConcurrentHashMap<>();
    private final Map<String, Gauge> viewers = new ConcurrentHashMap<>();
    private Counter starts;
    private Counter bytesServed;
    private Timer firstSegment;
    private Counter partsServed;
    private Timer blockingWait;
    private volatile Supplier<List<NodeLoad>> nodes = List::of;
    private List<NodeLoad> lastNodes = List.of();
    private MultiGauge nodeChannels;
    private MultiGauge nodeRunning;
    private MultiGauge nodeLoad;

    /**
     * One node of the cluster as the metrics show it ({@code node} label: its grid id, "single" when not clustered):
     * channels it holds leases for, FFmpeg it runs, and its load, running over {@code HLS_MAX_TRANSCODERS}.
     */
    public record NodeLoad(String node, int channels, int running, int maxTranscoders) {
        double load() {
            return maxTranscoders <= 0 ? 0 : (double) running / maxTranscoders;
        }
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object start) {
        // created at deployment, so that every metric exists before the first request
    }

    @PostConstruct
    void register() {
        starts = Counter.builder("hls.transcoder.starts").description("FFmpeg processes started").register(registry);
        bytesServed = Counter.builder("hls.served").baseUnit("bytes")
                .description("Bytes of playlists and segments served").register(registry);
        firstSegment = Timer.builder("hls.first.segment").description("Time from starting FFmpeg to its first segment")
                .serviceLevelObjectives(FIRST_SEGMENT_BUCKETS).register(registry);
        Gauge.builder("hls.transcoders.running", transcoders, Transcoders::runningCount)
                .description("FFmpeg processes running now").register(registry);
        Gauge.builder("hls.jvm.threads", THREADS, ThreadMXBean::getThreadCount)
                .description("Live threads of the gateway's JVM").register(registry);
        Gauge.builder("hls.open.files", GatewayMetrics::openFiles)
                .description("Open file descriptors of the gateway's JVM (-1 where the OS does not tell)").register(registry);
        FunctionCounter.builder("hls.database.errors", database, DatabaseStatus::errors)
                .description("Calls that found the database unavailable").register(registry);
        for (StartFailedException.Kind kind : StartFailedException.Kind.values()) {
            failureCounter(kind);
        }
        // LL-HLS (HLS_LL): parts served from the packager, and how long blocking requests were held
        partsServed = Counter.builder("hls.parts.served").description("LL-HLS parts served").register(registry);
        blockingWait = Timer.builder("hls.blocking.wait")
                .description("How long blocking LL-HLS requests (_HLS_msn, the preload hint) waited for their answer")
                .serviceLevelObjectives(BLOCKING_WAIT_BUCKETS).register(registry);
        // the cluster's nodes (HLS_CLUSTER), read at each scrape from what the grid says
        Gauge.builder("hls.cluster.nodes", this, m -> m.lastNodes.size())
                .description("Nodes in the cluster now (1 when not clustered)").register(registry);
        nodeChannels = MultiGauge.builder("hls.cluster.node.channels")
                .description("Channels each node of the cluster holds a lease for").register(registry);
        nodeRunning = MultiGauge.builder("hls.cluster.node.transcoders")
                .description("FFmpeg processes each node of the cluster runs").register(registry);
        nodeLoad = MultiGauge.builder("hls.cluster.node.load")
                .description("Each node's running transcoders over its HLS_MAX_TRANSCODERS (placement goes to the lowest)")
                .register(registry);
        transcoders.listen(this);
    }

    /** Where the node rows come from: the cluster feature, which sits above this one. */
    public void nodesFrom(Supplier<List<NodeLoad>> source) {
        nodes = source;
    }

    /** Bucket bounds of {@code hls_blocking_wait_seconds}: a part comes within a part target, a hold ends at 3 targets. */
    static final Duration[] BLOCKING_WAIT_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** An LL-HLS part was served. */
    public void partServed() {
        partsServed.increment();
    }

    /** A blocking LL-HLS request was answered (or timed out) after {@code millis}. */
    public void blockingWaited(long millis) {
        blockingWait.record(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void started(String nickname) {
        starts.increment();
        viewers.computeIfAbsent(nickname, n -> Gauge.builder("hls.viewers", transcoders, t -> t.viewers(n))
                .tag("channel", n).description("Distinct clients in the idle window").register(registry));
    }

    @Override
    public void firstSegment(String nickname, long millis) {
        firstSegment.record(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void failed(String nickname, StartFailedException.Kind kind) {
        failureCounter(kind).increment();
    }

    public void served(long bytes) {
        bytesServed.increment(bytes);
    }

    /** Every metric in the Prometheus text format 0.0.4. */
    public synchronized String scrape() {
        List<NodeLoad> now;
        try {
            now = List.copyOf(nodes.get());
        } catch (RuntimeException e) {
            now = lastNodes; // the grid is briefly away: the last rows, not a failed scrape
        }
        lastNodes = now;
        nodeChannels.register(now.stream().map(n -> MultiGauge.Row.of(Tags.of("node", n.node()), n.channels())).toList(), true);
        nodeRunning.register(now.stream().map(n -> MultiGauge.Row.of(Tags.of("node", n.node()), n.running())).toList(), true);
        nodeLoad.register(now.stream().map(n -> MultiGauge.Row.of(Tags.of("node", n.node()), n.load())).toList(), true);
        return registry.scrape();
    }

    /**
     * Read as an MBean attribute: WildFly's module class loader does not show a deployment
     * {@code com.sun.management} (jdk.management), so the gauge cannot cast to its MXBean.
     */
    static double openFiles() {
        try {
            return ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new ObjectName("java.lang:type=OperatingSystem"), "OpenFileDescriptorCount")).doubleValue();
        } catch (JMException | ClassCastException e) {
            return -1;
        }
    }

    private Counter failureCounter(StartFailedException.Kind kind) {
        return failures.computeIfAbsent(kind, k -> Counter.builder("hls.transcoder.failures")
                .tag("reason", k.name().toLowerCase(Locale.ROOT))
                .description("Failed or timed-out starts and crashes").register(registry));
    }
}
