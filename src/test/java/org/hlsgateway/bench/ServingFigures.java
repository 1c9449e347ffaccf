package org.hlsgateway.bench;

/**
 * One serving figure, gateway against nginx with the same bytes: requests/s, MB/s, p50 and p99 over paired runs, and
 * its four rows in the report with the targets (≥ 0.8 × nginx's requests/s, p99 ≤ 2 × nginx's).
 */
final class ServingFigures {

    /** What a load run measured, whichever client ran it. */
    interface Run {
        long requests();

        double seconds();

        /** Megabytes received in the run. */
        double megabytes();

        default double requestsPerSecond() {
            return requests() / seconds();
        }

        default double megabytesPerSecond() {
            return megabytes() / seconds();
        }

        double p50Millis();

        double p99Millis();
    }

    private final Stats gwRps = new Stats();
    private final Stats ngRps = new Stats();
    private final Stats gwMbs = new Stats();
    private final Stats ngMbs = new Stats();
    private final Stats gwP50 = new Stats();
    private final Stats ngP50 = new Stats();
    private final Stats gwP99 = new Stats();
    private final Stats ngP99 = new Stats();

    void add(Run gateway, Run nginx) {
        gwRps.add(gateway.requestsPerSecond());
        ngRps.add(nginx.requestsPerSecond());
        gwMbs.add(gateway.megabytesPerSecond());
        ngMbs.add(nginx.megabytesPerSecond());
        gwP50.add(gateway.p50Millis());
        ngP50.add(nginx.p50Millis());
        gwP99.add(gateway.p99Millis());
        ngP99.add(nginx.p99Millis());
    }

    /** @param errorNote appended to the requests/s target (e.g. the gateway's errors), or empty */
    void report(Report report, String label, String reference, String errorNote) {
        double share = gwRps.median() / ngRps.median();
        double p99 = gwP99.median() / ngP99.median();
        report.row(label + ": requests/s", "req/s", gwRps, reference, ngRps, Report.Better.HIGHER,
                "≥ 0.8 × nginx: " + Report.num(share) + " ×, " + (share >= 0.8 ? "**met**" : "**not met**") + errorNote);
        report.row(label + ": MB/s", "MB/s", gwMbs, "nginx", ngMbs, Report.Better.HIGHER, null);
        report.row(label + ": p50 latency", "ms", gwP50, "nginx", ngP50, Report.Better.LOWER, null);
        report.row(label + ": p99 latency", "ms", gwP99, "nginx", ngP99, Report.Better.LOWER,
                "p99 ≤ 2 × nginx: " + Report.num(p99) + " ×, " + (p99 <= 2 ? "**met**" : "**not met**"));
    }
}
