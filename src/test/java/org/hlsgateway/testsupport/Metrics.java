package org.hlsgateway.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the gateway's metrics: Prometheus text at {@code /hls_gateway/metrics}, the same on every server. */
public final class Metrics {

    private Metrics() {
    }

    /** The Prometheus text, after checking the status and the content type. */
    public static String text(Gateway gateway) throws IOException, InterruptedException {
        HttpResponse<String> answer = gateway.anonymous().get("metrics");
        if (answer.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + answer.statusCode() + ": " + answer.body());
        }
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/plain") || !type.contains("version=0.0.4")) {
            throw new AssertionError("/metrics is not Prometheus text 0.0.4: " + type);
        }
        return answer.body();
    }

    /** The value of one series, e.g. {@code hls_transcoder_starts_total} or {@code hls_viewers{channel="cam1"}}. */
    public static double value(Gateway gateway, String series) throws IOException, InterruptedException {
        return value(text(gateway), series);
    }

    /** The value of one series in a Prometheus text; a bare name matches the series whatever its labels. */
    public static double value(String text, String series) {
        String labels = series.contains("{") ? "" : "(\\{[^}]*\\})?";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + labels + " ([0-9.eE+-]+)$").matcher(text);
        if (!m.find()) {
            throw new AssertionError(series + " is missing from /metrics");
        }
        return Double.parseDouble(m.group(m.groupCount()));
    }

    /** The lines of the gateway's own metrics ({@code hls_*}, with their HELP and TYPE lines). */
    public static List<String> gatewayLines(String text) {
        return text.lines().filter(l -> l.startsWith("hls_") || l.startsWith("# HELP hls_") || l.startsWith("# TYPE hls_"))
                .toList();
    }

    /** MicroProfile Health's base URI: the server's root on Payara, WildFly's management port ({@code hls.health.base}). */
    public static URI health(URI server) {
        String base = System.getProperty("hls.health.base", "");
        return base.isBlank() ? server.resolve("/health/") : URI.create(base.endsWith("/") ? base : base + "/");
    }
}
