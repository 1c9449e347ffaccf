package org.hlsgateway.testsupport;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one application metric from the server's Prometheus endpoint. */
public final class Metrics {

    private Metrics() {
    }

    /** @param server the server's root URI (the metrics live at {@code /metrics}, outside the WAR) */
    public static double value(Gateway gateway, URI server, String name) throws Exception {
        String text = gateway.get(server.resolve("metrics")).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*mp_scope=\"application\"[^}]*\\} ([0-9.eE+-]+)$")
                .matcher(text);
        if (!m.find()) {
            throw new AssertionError(name + " is missing from /metrics");
        }
        return Double.parseDouble(m.group(1));
    }
}
