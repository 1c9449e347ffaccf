package org.hlsgateway.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The threads of a running JVM on this machine, counted by name with digits folded ({@code ffmpeg-soak-N}),
 * read with the JDK's own {@code jcmd PID Thread.print}.
 */
public final class ThreadCensus {

    private static final Pattern NAME = Pattern.compile("^\"([^\"]*)\"", Pattern.MULTILINE);

    private ThreadCensus() {
    }

    public static Map<String, Integer> of(long pid) throws IOException, InterruptedException {
        String java = ProcessHandle.of(pid).flatMap(p -> p.info().command())
                .orElseThrow(() -> new IOException("no process " + pid));
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                .redirectErrorStream(true).start();
        String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("jcmd failed: " + dump);
        }
        Map<String, Integer> census = new TreeMap<>();
        Matcher m = NAME.matcher(dump);
        while (m.find()) {
            census.merge(m.group(1).replaceAll("[0-9]+", "N"), 1, Integer::sum);
        }
        return census;
    }

    /** Threads in {@code census} whose name starts with one of the prefixes. */
    public static int count(Map<String, Integer> census, String... prefixes) {
        int n = 0;
        for (Map.Entry<String, Integer> e : census.entrySet()) {
            for (String prefix : prefixes) {
                if (e.getKey().startsWith(prefix)) {
                    n += e.getValue();
                    break;
                }
            }
        }
        return n;
    }

    /** The groups whose count changed, as {@code name: before -> after}. */
    public static String diff(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, String> changed = new TreeMap<>();
        for (String name : union(before, after)) {
            int b = before.getOrDefault(name, 0);
            int a = after.getOrDefault(name, 0);
            if (a != b) {
                changed.put(name, b + " -> " + a);
            }
        }
        return changed.toString();
    }

    private static java.util.Set<String> union(Map<String, Integer> a, Map<String, Integer> b) {
        java.util.Set<String> names = new java.util.TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        return names;
    }
}
