package org.hlsgateway.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.StartFailedException;
import org.hlsgateway.transcoding.control.TranscoderRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Prometheus text: names with units, counters ending in _total, the first segment time as a histogram in seconds. */
class GatewayMetricsTest {

    GatewayMetrics metrics;

    @BeforeEach
    void registry() {
        metrics = new GatewayMetrics();
        metrics.transcoders = new Transcoders() {
            @Override
            public int runningCount() {
                return 2;
            }

            @Override
            public int viewers(String nickname) {
                return 3;
            }

            @Override
            public void listen(TranscoderRegistry.Listener listener) {
                // no registry without a container
            }
        };
        metrics.database = new DatabaseStatus();
        metrics.register();
    }

    @Test
    void theFirstSegmentTimeIsAHistogramInSecondsWithBuckets() {
        metrics.firstSegment("cam1", 1577);

        String text = metrics.scrape();
        assertTrue(text.contains("# TYPE hls_first_segment_seconds histogram"), text);
        assertEquals(1.577, value(text, "hls_first_segment_seconds_sum"), 1e-9, "the sum is in seconds, not milliseconds");
        assertEquals(1, value(text, "hls_first_segment_seconds_count"));
        assertEquals(0, value(text, "hls_first_segment_seconds_bucket{le=\"1.0\"}"));
        assertEquals(1, value(text, "hls_first_segment_seconds_bucket{le=\"2.0\"}"));
        assertEquals(1, value(text, "hls_first_segment_seconds_bucket{le=\"+Inf\"}"));
        assertFalse(text.contains("quantile"), "no client-side quantiles: they cannot be summed over nodes");
    }

    @Test
    void countersEndInTotalAndNameTheirUnit() {
        metrics.started("cam1");
        metrics.served(1000);
        metrics.served(500);
        metrics.failed("cam1", StartFailedException.Kind.TIMEOUT);

        String text = metrics.scrape();
        assertEquals(1, value(text, "hls_transcoder_starts_total"));
        assertEquals(1500, value(text, "hls_served_bytes_total"));
        assertEquals(1, value(text, "hls_transcoder_failures_total{reason=\"timeout\"}"));
        assertEquals(0, value(text, "hls_transcoder_failures_total{reason=\"busy\"}"), "every reason exists before it happens");
        assertEquals(0, value(text, "hls_database_errors_total"), "exists before the first database error");
        assertEquals(2, value(text, "hls_transcoders_running"));
        assertEquals(3, value(text, "hls_viewers{channel=\"cam1\"}"));
        assertTrue(value(text, "hls_jvm_threads") > 1);
        assertTrue(value(text, "hls_open_files") > 0);
    }

    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(text);
        if (!m.find()) {
            throw new AssertionError(series + " is missing from\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    @Test
    void databaseErrorsAreCountedOncePerLostConnectionAndNotForOtherErrors() {
        metrics.database.unavailable(new java.sql.SQLTransientConnectionException("gone"));
        metrics.database.unavailable(new java.sql.SQLException("duplicate key", "23505"));
        metrics.database.unavailable(new org.hlsgateway.database.control.DatabaseUnavailableException(
                new java.sql.SQLTransientConnectionException("already counted where it was met")));
        assertEquals(1, value(metrics.scrape(), "hls_database_errors_total"));
    }

    @Test
    void lowLatencyPartsAreCountedAndBlockingWaitsAreAHistogramInSeconds() {
        String before = metrics.scrape();
        assertEquals(0, value(before, "hls_parts_served_total"), "exists before the first part");
        assertEquals(0, value(before, "hls_blocking_wait_seconds_count"));

        metrics.partServed();
        metrics.partServed();
        metrics.blockingWaited(180);

        String text = metrics.scrape();
        assertEquals(2, value(text, "hls_parts_served_total"));
        assertEquals(0.18, value(text, "hls_blocking_wait_seconds_sum"), 1e-9);
        assertEquals(0, value(text, "hls_blocking_wait_seconds_bucket{le=\"0.1\"}"));
        assertEquals(1, value(text, "hls_blocking_wait_seconds_bucket{le=\"0.2\"}"));
    }

    @Test
    void theClustersNodesAreGaugesPerNodeAndNodesThatLeftDisappear() {
        java.util.concurrent.atomic.AtomicReference<java.util.List<GatewayMetrics.NodeLoad>> rows =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.List.of(
                        new GatewayMetrics.NodeLoad("a", 4, 3, 50), new GatewayMetrics.NodeLoad("b", 2, 2, 10)));
        metrics.nodesFrom(rows::get);

        String text = metrics.scrape();
        assertEquals(2, value(text, "hls_cluster_nodes"));
        assertEquals(4, value(text, "hls_cluster_node_channels{node=\"a\"}"));
        assertEquals(2, value(text, "hls_cluster_node_transcoders{node=\"b\"}"));
        assertEquals(0.06, value(text, "hls_cluster_node_load{node=\"a\"}"), 1e-9);
        assertEquals(0.2, value(text, "hls_cluster_node_load{node=\"b\"}"), 1e-9);

        rows.set(java.util.List.of(new GatewayMetrics.NodeLoad("b", 3, 3, 10)));
        String after = metrics.scrape();
        assertEquals(1, value(after, "hls_cluster_nodes"));
        assertFalse(after.contains("node=\"a\""), "a node that left is no longer listed");

        rows.set(null); // the grid fails while read: the last rows, and the scrape still answers
        metrics.nodesFrom(() -> {
            throw new IllegalStateException("grid away");
        });
        assertEquals(3, value(metrics.scrape(), "hls_cluster_node_channels{node=\"b\"}"));
    }

    @Test
    void withoutAClusterTheNodeGaugesAreEmptyNotFailing() {
        assertEquals(0, value(metrics.scrape(), "hls_cluster_nodes"));
    }
}
