package org.hlsgateway.bench;

import java.util.Arrays;
import java.util.function.LongSupplier;

/** Nanoseconds per call of a fast operation: 5 one-second runs after a 3 s warm-up (the JIT's work done). */
final class NanoTimer {

    private NanoTimer() {
    }

    /** The 5 runs' ns per call, sorted (median at index 2). The calls' results are summed so the JIT keeps them. */
    static double[] runs(LongSupplier call) {
        long sink = 0;
        long warm = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warm) {
            sink += call.getAsLong();
        }
        double[] runs = new double[5];
        for (int r = 0; r < runs.length; r++) {
            long n = 0;
            long t0 = System.nanoTime();
            long t;
            do {
                for (int i = 0; i < 100; i++) {
                    sink += call.getAsLong();
                }
                n += 100;
                t = System.nanoTime();
            } while (t < t0 + 1_000_000_000L);
            runs[r] = (t - t0) / (double) n;
        }
        Arrays.sort(runs);
        if (sink == 42) {
            System.out.print("");
        }
        return runs;
    }
}
