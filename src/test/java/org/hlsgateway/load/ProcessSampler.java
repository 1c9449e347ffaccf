package org.hlsgateway.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Samples a process once a second from /proc (Linux): CPU of the process itself (the gateway JVM),
 * CPU of its child processes (the FFmpegs), and the JVM's resident memory (VmRSS).
 */
public final class ProcessSampler implements AutoCloseable {

    /** Clock ticks per second of /proc/PID/stat; 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    /**
     * One second of the gateway: its JVM's CPU, its FFmpegs' CPU, its RSS; and of the machine:
     * how busy all cores were (100 % = every core) and the 1-minute load average, since other
     * work on the same machine shows up as latency.
     */
    public record Sample(long atMillis, double jvmCpuPercent, double ffmpegCpuPercent, int ffmpegs, long rssKb,
                         double clientCpuPercent, double machineBusyPercent, double loadAverage, int runnableThreads) {
    }

    private final long pid;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private long lastNanos;
    private final long client = ProcessHandle.current().pid();
    private long[] lastMachine = machineTicks();
    private final long startMillis = System.currentTimeMillis();

    public ProcessSampler(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::loop, "load-sampler-" + pid);
        this.thread.setDaemon(true);
    }

    public ProcessSampler start() {
        thread.start();
        return this;
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void loop() {
        try {
            sample();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                sample();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample() {
        long now = System.nanoTime();
        double seconds = lastNanos == 0 ? 0 : (now - lastNanos) / 1e9;
        lastNanos = now;
        Map<Long, Long> ticks = new HashMap<>();
        ticks.put(pid, ticks(pid));
        ticks.put(client, ticks(client));
        long[] machine = machineTicks();
        double busy = machine[1] == lastMachine[1] ? 0
                : 100.0 * (machine[0] - lastMachine[0]) / (machine[1] - lastMachine[1]);
        lastMachine = machine;
        List<Long> children = ProcessHandle.of(pid).map(p -> p.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
        children.forEach(c -> ticks.put(c, ticks(c)));
        double jvm = percent(pid, ticks, seconds);
        double ffmpeg = 0;
        for (long child : children) {
            ffmpeg += percent(child, ticks, seconds);
        }
        double own = percent(client, ticks, seconds);
        lastTicks.clear();
        lastTicks.putAll(ticks);
        if (seconds > 0) {
            samples.add(new Sample(System.currentTimeMillis() - startMillis, jvm, ffmpeg, children.size(), rssKb(pid),
                    own, busy, loadAverage(), runnableThreads(pid)));
        }
    }

    private double percent(long process, Map<Long, Long> ticks, double seconds) {
        Long before = lastTicks.get(process);
        Long after = ticks.get(process);
        if (before == null || after == null || after < 0 || before < 0 || seconds <= 0) {
            return 0;
        }
        return (after - before) / TICKS / seconds * 100;
    }

    /** utime + stime of a process, or -1 when it is gone. */
    static long ticks(long process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of stat(5)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Busy and total jiffies of all cores, from the first line of /proc/stat. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Threads of a process that are running or waiting for a core (state R): more than the cores means it is short of CPU. */
    static int runnableThreads(long process) {
        int runnable = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(process), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    if (stat.charAt(stat.lastIndexOf(')') + 2) == 'R') {
                        runnable++;
                    }
                } catch (IOException | RuntimeException e) {
                    // thread ended
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return runnable;
    }

    static long rssKb(long process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** The process listening on a local TCP port (from /proc/net/tcp{,6} and the processes' sockets), if this user may see it. */
    public static Optional<Long> listeningOn(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].contains(":") && "0A".equals(f[3])
                            && Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16) == port) {
                        inodes.add("socket:[" + f[9] + "]");
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        List<Path> processes = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            proc.forEach(processes::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (Path process : processes) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                for (Path fd : fds) {
                    try {
                        if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                            return Optional.of(Long.parseLong(process.getFileName().toString()));
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not ours to read, or gone
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(2000);
    }
}
