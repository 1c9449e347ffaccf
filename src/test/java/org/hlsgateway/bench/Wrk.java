package org.hlsgateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk ({@code /usr/bin/wrk}, epoll, two threads) as the load client where hundreds of connections are needed: the
 * harness's {@link LoadClient} holds a thread per connection, and 500 of them on a 2-core machine take CPU from the
 * server they measure. Parses the {@code --latency} output.
 */
final class Wrk {

    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.000)?%\\s+([\\d.]+)(us|ms|s|m)\\s*$");
    private static final Pattern TOTAL = Pattern.compile("^\\s*(\\d+) requests in ([\\d.]+)(us|ms|s|m), ([\\d.]+)(B|KB|MB|GB|TB) read");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    record Result(long requests, double seconds, double bytes, double p50Millis, double p99Millis, long non2xx,
                  long socketErrors, String raw) implements ServingFigures.Run {

        @Override
        public double megabytes() {
            return bytes / 1e6;
        }

        long errors() {
            return non2xx + socketErrors;
        }
    }

    private Wrk() {
    }

    static Result run(int port, String path, int connections, double seconds) throws IOException, InterruptedException {
        return parse(start(port, path, connections, seconds, null));
    }

    /**
     * Starts wrk without waiting; {@code paths}, when given, are requested in turn (a Lua script), else {@code path}.
     * {@link #parse} waits for it.
     */
    static Process start(int port, String path, int connections, double seconds, java.util.List<String> paths)
            throws IOException {
        long whole = Math.max(1, Math.round(seconds));
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/usr/bin/wrk",
                "-t" + Math.min(2, connections), "-c" + connections, "-d" + whole + "s", "--timeout", "10s", "--latency"));
        if (paths != null) {
            java.nio.file.Path script = java.nio.file.Files.createTempFile("wrk-paths", ".lua");
            StringBuilder lua = new StringBuilder("local paths = {");
            for (String one : paths) {
                lua.append('"').append(one.replace("\\", "").replace("\"", "")).append("\",");
            }
            lua.append("}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n"
                    + "  return wrk.format(\"GET\", paths[i])\nend\n");
            java.nio.file.Files.writeString(script, lua);
            script.toFile().deleteOnExit();
            command.add("-s");
            command.add(script.toString());
        }
        command.add("http://127.0.0.1:" + port + path);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    static Result parse(Process p) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        long requests = -1;
        double elapsed = Double.NaN;
        double bytes = Double.NaN;
        long non2xx = 0;
        long socket = 0;
        for (String line : out.split("\n")) {
            Matcher m = PERCENTILE.matcher(line);
            if (m.find()) {
                double ms = Double.parseDouble(m.group(2)) * millis(m.group(3));
                if (m.group(1).equals("50")) {
                    p50 = ms;
                } else {
                    p99 = ms;
                }
                continue;
            }
            m = TOTAL.matcher(line);
            if (m.find()) {
                requests = Long.parseLong(m.group(1));
                elapsed = Double.parseDouble(m.group(2)) * millis(m.group(3)) / 1000;
                bytes = Double.parseDouble(m.group(4)) * multiplier(m.group(5));
                continue;
            }
            m = NON_2XX.matcher(line);
            if (m.find()) {
                non2xx = Long.parseLong(m.group(1));
                continue;
            }
            m = SOCKET.matcher(line);
            if (m.find()) {
                for (int g = 1; g <= 4; g++) {
                    socket += Long.parseLong(m.group(g));
                }
            }
        }
        if (requests < 0) {
            throw new IllegalStateException("no totals in wrk's output: " + out);
        }
        return new Result(requests, elapsed, bytes, p50, p99, non2xx, socket, out);
    }

    private static double millis(String unit) {
        return switch (unit) {
            case "us" -> 0.001;
            case "ms" -> 1;
            case "s" -> 1000;
            case "m" -> 60_000;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    /** wrk prints sizes in powers of 1024. */
    private static double multiplier(String unit) {
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "B" -> 1;
            case "KB" -> 1024;
            case "MB" -> 1024.0 * 1024;
            case "GB" -> 1024.0 * 1024 * 1024;
            default -> 1024.0 * 1024 * 1024 * 1024;
        };
    }
}
