package org.hlsgateway.load;

import java.util.Arrays;

/** Request latencies in microseconds; one instance per viewer (not thread-safe), merged at the end. */
public final class Latencies {

    private long[] values = new long[256];
    private int size;

    void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    public int count() {
        return size;
    }

    /** The p-th percentile (0..100) in milliseconds, nearest rank; 0 when empty. */
    public double percentileMillis(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1000.0;
    }

    public double maxMillis() {
        return percentileMillis(100);
    }
}
