package org.hlsgateway.operations.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.StartFailedException;
import org.hlsgateway.transcoding.control.TranscoderRegistry;

/**
 * MicroProfile Metrics (Prometheus format at the server's {@code /metrics}): running transcoders,
 * starts, failures by reason, time to first segment, bytes served, viewers per channel.
 */
@ApplicationScoped
public class GatewayMetrics implements TranscoderRegistry.Listener {

    @Inject
    MetricRegistry registry;

    @Inject
    Transcoders transcoders;

    private Counter starts;
    private Counter bytesServed;
    private Histogram firstSegment;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final Map<String, Boolean> viewerGauges = new ConcurrentHashMap<>();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object start) {
        // created at deployment, so that every metric exists before the first request
    }

    @PostConstruct
    void register() {
        starts = registry.counter(Metadata.builder().withName("hls_transcoder_starts")
                .withDescription("FFmpeg processes started").build());
        bytesServed = registry.counter(Metadata.builder().withName("hls_served")
                .withDescription("Bytes of playlists and segments served").withUnit(MetricUnits.BYTES).build());
        firstSegment = registry.histogram(Metadata.builder().withName("hls_first_segment")
                .withDescription("Time from starting FFmpeg to its first segment").withUnit(MetricUnits.MILLISECONDS).build());
        registry.gauge(Metadata.builder().withName("hls_transcoders_running")
                .withDescription("FFmpeg processes running now").build(), transcoders, Transcoders::runningCount);
        registry.gauge(Metadata.builder().withName("hls_jvm_threads")
                .withDescription("Live threads of the gateway's JVM").build(),
                java.lang.management.ManagementFactory.getThreadMXBean(), java.lang.management.ThreadMXBean::getThreadCount);
        registry.gauge(Metadata.builder().withName("hls_open_files")
                .withDescription("Open file descriptors of the gateway's JVM (-1 where the OS does not tell)").build(),
                this, GatewayMetrics::openFiles);
        for (StartFailedException.Kind kind : StartFailedException.Kind.values()) {
            failureCounter(kind);
        }
        transcoders.listen(this);
    }

    @Override
    public void started(String nickname) {
        starts.inc();
        if (viewerGauges.putIfAbsent(nickname, Boolean.TRUE) == null) {
            registry.gauge(Metadata.builder().withName("hls_viewers").withDescription("Distinct clients in the idle window")
                    .build(), transcoders, t -> t.viewers(nickname), new Tag("channel", nickname));
        }
    }

    @Override
    public void firstSegment(String nickname, long millis) {
        firstSegment.update(millis);
    }

    @Override
    public void failed(String nickname, StartFailedException.Kind kind) {
        failureCounter(kind).inc();
    }

    long openFiles() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }

    public void served(long bytes) {
        bytesServed.inc(bytes);
    }

    private Counter failureCounter(StartFailedException.Kind kind) {
        return failures.computeIfAbsent(kind.name(), k -> registry.counter(Metadata.builder()
                .withName("hls_transcoder_failures").withDescription("Failed or timed-out starts and crashes").build(),
                new Tag("reason", kind.name().toLowerCase(Locale.ROOT))));
    }
}
