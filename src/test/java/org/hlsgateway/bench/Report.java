package org.hlsgateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results: one row per figure with its reference measured in the same run, and free-form
 * tables (density) and notes. Prints as it goes and renders Markdown at the end.
 */
final class Report {

    /** Which way is better for a figure. */
    enum Better { LOWER, HIGHER }

    private final StringBuilder markdown = new StringBuilder();
    private final List<String> rows = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();

    void heading(String text) {
        flushRows();
        markdown.append("\n### ").append(text).append("\n\n");
        System.out.println("\n== " + text);
    }

    void note(String text) {
        flushRows();
        markdown.append(text).append("\n\n");
        System.out.println(text);
    }

    /**
     * A figure and its reference. {@code verdict} is the target with "met"/"not met", or null.
     */
    void row(String figure, String unit, Stats gateway, String referenceName, Stats reference, Better better, String verdict) {
        String ratio = reference == null || reference.isEmpty() || gateway.isEmpty() ? "—"
                : String.format(Locale.ROOT, "%.2f", gateway.median() / reference.median());
        String line = "| " + figure + " | " + cell(gateway, unit) + " | " + (referenceName == null ? "—" : referenceName)
                + " | " + (reference == null ? "—" : cell(reference, unit)) + " | " + ratio + " | "
                + (verdict == null ? "" : verdict) + " |";
        rows.add(line);
        System.out.println(line);
        if (verdict != null) {
            verdicts.add(figure + ": " + verdict);
        }
    }

    void table(String header, List<String> lines) {
        flushRows();
        markdown.append(header).append('\n');
        markdown.append(header.replaceAll("[^|]+", "---")).append('\n');
        System.out.println(header);
        for (String line : lines) {
            markdown.append(line).append('\n');
            System.out.println(line);
        }
        markdown.append('\n');
    }

    static String cell(Stats stats, String unit) {
        if (stats.isEmpty()) {
            return "no samples";
        }
        return num(stats.median()) + " " + unit + " (" + num(stats.min()) + "–" + num(stats.max()) + ", n=" + stats.count() + ")";
    }

    static String num(double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private void flushRows() {
        if (rows.isEmpty()) {
            return;
        }
        markdown.append("| Figure | Gateway: median (min–max, runs) | Reference | Reference: median (min–max, runs) | Ratio | Target |\n");
        markdown.append("|---|---|---|---|---|---|\n");
        rows.forEach(r -> markdown.append(r).append('\n'));
        markdown.append('\n');
        rows.clear();
    }

    String markdown() {
        flushRows();
        StringBuilder all = new StringBuilder(markdown);
        if (!verdicts.isEmpty()) {
            all.append("### Targets\n\n");
            verdicts.forEach(v -> all.append("- ").append(v).append('\n'));
        }
        return all.toString();
    }
}
