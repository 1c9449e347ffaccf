package org.hlsgateway.bench;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.MethodEntryEvent;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.MethodEntryRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which of the gateway's classes one cold watch crosses (issue #14: "a cold watch crosses clearly fewer
 * classes"). A gateway started with a JDWP agent and {@code HLS_LL=false} (FFmpeg's MPEG-TS HLS, the path older
 * trees given as {@code bench.path.before} took by default); a debugger (JDI) records every method entered in
 * {@code org.hlsgateway} from the player's {@code watch} to its first segment in hand, on every thread:
 * the request threads, and the threads that start FFmpeg and hear its first segment. Nested classes,
 * lambdas and CDI proxies count as their source file; what only the idle reaper's timer entered does not count.
 * The second cold start is measured (the first pays for class loading); a window as long with no request is
 * recorded too, to name what the reaper enters anyway.
 */
final class ColdPath {

    /** The EJB timer's threads, where the idle reaper ticks. */
    private static final String REAPER_THREADS = "__ejb-thread-pool";

    private final Bench.Context ctx;

    ColdPath(Bench.Context ctx) {
        this.ctx = ctx;
    }

    /** Class (source file) → threads it ran on, recorded while {@code work} runs. */
    private static Map<String, Set<String>> record(VirtualMachine vm, Bench.Section work) throws Exception {
        Map<String, Set<String>> seen = new TreeMap<>();
        MethodEntryRequest entries = vm.eventRequestManager().createMethodEntryRequest();
        entries.addClassFilter("org.hlsgateway.*");
        entries.setSuspendPolicy(EventRequest.SUSPEND_NONE);
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    EventSet set = vm.eventQueue().remove(2000);
                    if (set == null) {
                        if (!entries.isEnabled()) {
                            return;
                        }
                        continue;
                    }
                    for (Event event : set) {
                        if (event instanceof MethodEntryEvent entry) {
                            String type = entry.method().declaringType().name();
                            int dollar = type.indexOf('$');
                            String file = (dollar < 0 ? type : type.substring(0, dollar)).substring("org.hlsgateway.".length());
                            String thread = entry.thread().name().replaceAll("[-#]?\\d+$", "");
                            if (file.contains("__EJB31_Generated__")) {
                                continue;
                            }
                            synchronized (seen) {
                                seen.computeIfAbsent(file, k -> new TreeSet<>()).add(thread);
                            }
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jdi-events");
        entries.enable();
        reader.start();
        try {
            work.run();
        } finally {
            entries.disable();
            reader.join(30_000);
            vm.eventRequestManager().deleteEventRequest(entries);
        }
        return seen;
    }

    static boolean isRequestThread(String name) {
        return name.startsWith("http-thread-pool") || name.startsWith("default-task");
    }

    /** What one gateway's cold watch entered, and what ran anyway in a quiet window as long. */
    private record Crossed(Map<String, Set<String>> cold, Map<String, Set<String>> quiet, long windowMillis) {

        /**
         * The gateway's own classes on the path: not the EJB container's generated views, and not what only the idle
         * reaper's timer ran (its thread pool runs nothing of a request's).
         */
        Set<String> own() {
            Set<String> own = new TreeSet<>();
            cold.forEach((file, threads) -> {
                if (!file.contains("__EJB31_Generated__") && threads.stream().anyMatch(t -> !t.startsWith(REAPER_THREADS))) {
                    own.add(file);
                }
            });
            return own;
        }

        Map<String, Set<String>> byPackage() {
            Map<String, Set<String>> packages = new TreeMap<>();
            for (String file : own()) {
                int dot = file.lastIndexOf('.');
                packages.computeIfAbsent(dot < 0 ? "(root)" : file.substring(0, dot), k -> new TreeSet<>()).add(file.substring(dot + 1));
            }
            return packages;
        }
    }

    /**
     * The gateway built from this tree, and, when {@code bench.path.before} names another checkout with its WAR and
     * Payara Micro built (e.g. the commit before issue #14), that one too: the same tool counts both.
     */
    void run() throws Exception {
        Crossed now = measure(ctx.root(), "now");
        String before = System.getProperty("bench.path.before", "");
        Crossed then = before.isBlank() ? null : measure(Path.of(before).toAbsolutePath(), "before");
        report("this tree", now, then == null ? null : "bench.path.before (" + before + ")", then);
    }

    private Crossed measure(Path root, String label) throws Exception {
        int debugPort = Proc.freePort();
        Path data = ctx.out().resolve("gateway-path-" + label);
        Proc.deleteTree(data);
        String agent = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + debugPort;
        try (Gateway gateway = Gateway.start(root, data, ctx.idleTimeoutSeconds(), Map.of("HLS_JAVA_OPTS", agent, "HLS_LL", "false"));
             Camera camera = Camera.start(ctx.root(), 1)) {
            gateway.awaitReady(240_000);
            VirtualMachine vm = attach(debugPort);
            try {
                String nickname = "bench-path";
                gateway.createChannel(nickname, camera.url());
                Player player = new Player(gateway.http, gateway.base());
                player.coldStart(nickname); // not recorded: class loading, first JIT
                gateway.awaitState(nickname, "IDLE", 20_000);
                camera.awaitNoClients(15_000);
                long t0 = System.nanoTime();
                Map<String, Set<String>> cold = record(vm, () -> player.coldStart(nickname));
                long windowMillis = (System.nanoTime() - t0) / 1_000_000;
                gateway.awaitState(nickname, "IDLE", 20_000);
                Map<String, Set<String>> quiet = record(vm, () -> Proc.sleep(windowMillis));
                Crossed path = new Crossed(cold, quiet, windowMillis);
                System.out.println("  " + label + ": cold watch (" + windowMillis + " ms under the debugger): "
                        + path.own().size() + " own classes in " + path.byPackage().size() + " packages");
                cold.forEach((file, threads) -> System.out.println("    " + file + "  " + threads
                        + (quiet.containsKey(file) ? "  (also without a request)" : "")));
                return path;
            } finally {
                vm.dispose();
            }
        }
    }

    private void report(String nowName, Crossed now, String thenName, Crossed then) {
        ctx.report().note("A cold watch (watch → 302 → playlist → first segment; the second cold start, recorded by a"
                + " debugger on every thread) enters the gateway's classes (source files; nested classes, lambdas and CDI"
                + " proxies count as their file). Not counted: the EJB container's generated views and what only the idle"
                + " reaper's timer entered. With no request, in a window as long, the reaper enters "
                + String.join(", ", runsAnyway(now)) + ".");
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add(row(nowName, now));
        if (then != null) {
            lines.add(row(thenName, then));
        }
        ctx.report().table("| gateway | classes | of them on request threads | packages | per package |", lines);
    }

    private static Set<String> runsAnyway(Crossed path) {
        Set<String> anyway = new TreeSet<>(path.quiet().keySet());
        anyway.retainAll(path.cold().keySet());
        return anyway;
    }

    private static String row(String name, Crossed path) {
        StringBuilder packages = new StringBuilder();
        path.byPackage().forEach((pkg, files) -> packages.append(packages.length() == 0 ? "" : "; ")
                .append(pkg).append(' ').append(files.size()).append(" (").append(String.join(", ", files)).append(')'));
        long onRequests = path.own().stream().filter(f -> path.cold().get(f).stream().anyMatch(ColdPath::isRequestThread)).count();
        return "| " + name + " | " + path.own().size() + " | " + onRequests + " | " + path.byPackage().size() + " | "
                + packages + " |";
    }

    private static VirtualMachine attach(int port) throws Exception {
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> "dt_socket".equals(c.transport().name())).findFirst().orElseThrow();
        Map<String, Connector.Argument> args = socket.defaultArguments();
        args.get("hostname").setValue("127.0.0.1");
        args.get("port").setValue(Integer.toString(port));
        return socket.attach(args);
    }
}
