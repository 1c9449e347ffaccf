package org.hlsgateway.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Viewers per node (issue #15): {@code n} simulated LL-HLS players on one channel, each on its own keep-alive
 * connection and thread, for {@code bench.seconds} after a ramp and a 2 s warm-up. A player does what hls.js in
 * low-latency mode does at the live edge: a blocking reload for the next part, then that part, in a loop. A player
 * more than 3 parts (PART-HOLD-BACK) behind the newest listed part jumps to the preload hint; the parts it skips are
 * counted as missed. Errors: non-200 answers, a 200 playlist that does not list the part asked for, I/O errors and
 * time-outs (10 s). Steps go up until one has errors.
 */
final class LlViewers {

    private static final int BEHIND_LIMIT = 3;

    private final Bench.Context ctx;
    private final LiveLlChannel channel;

    LlViewers(Bench.Context ctx, LiveLlChannel channel) {
        this.ctx = ctx;
        this.channel = channel;
    }

    private static final class Counters {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong parts = new AtomicLong();
        final AtomicLong missed = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final ConcurrentLinkedQueue<String> kinds = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> cycle = new ConcurrentLinkedQueue<>(); // ns from reload sent to part in hand
        volatile boolean measuring;
        volatile boolean running = true;

        void error(String kind) {
            if (measuring) {
                errors.incrementAndGet();
                if (kinds.size() < 3 && !kinds.contains(kind)) {
                    kinds.add(kind);
                }
            }
        }
    }

    void run(List<Integer> steps) throws Exception {
        List<String> lines = new ArrayList<>();
        int best = 0;
        int clean = 0;
        boolean cleanSoFar = true;
        for (int n : steps) {
            Counters c = step(n);
            lines.add(lastLine);
            System.out.println("  " + lastLine);
            if (c.errors.get() > 0) {
                break;
            }
            best = n;
            if (c.missed.get() > 0) {
                cleanSoFar = false;
            }
            if (cleanSoFar) {
                clean = n;
            }
        }
        ctx.report().table("| LL players on one channel | Requests/s | Parts fetched/s per player (live: ~5) | Errors | Parts missed "
                + "| Reload sent → part in hand, p50 / p99 | Gateway JVM CPU (% of one core) | Harness CPU | Load avg (1 min) |", lines);
        ctx.report().note("Largest number of players at 0 errors: **" + (best == 0 ? "none of the steps" : Integer.toString(best))
                + "**; at 0 errors and 0 parts missed: **" + (clean == 0 ? "none of the steps" : Integer.toString(clean))
                + "** (steps " + steps + ", stopping at the first with errors; " + Report.num(ctx.seconds())
                + " s per step after a 2 s warm-up). *Parts missed*: parts a player skipped when it was more than " + BEHIND_LIMIT
                + " parts behind the newest listed part and jumped to the preload hint. Players and the gateway share the "
                + "2 cores: the harness CPU column is the players' own share.");
    }

    private String lastLine;

    private Counters step(int n) throws Exception {
        Counters c = new Counters();
        List<Thread> players = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            Thread t = new Thread(() -> play(id, c), "ll-player-" + i);
            t.setDaemon(true);
            players.add(t);
        }
        for (Thread t : players) {
            t.start();
            Proc.sleep(Math.max(1, 1000 / n)); // arriving over a second
        }
        Proc.sleep(2000);
        long pid = channel.gateway.pid();
        long self = ProcessHandle.current().pid();
        long jvm0 = Proc.cpuTicks(pid);
        long me0 = Proc.cpuTicks(self);
        double load = Proc.loadAverage();
        long t0 = System.nanoTime();
        c.measuring = true;
        Proc.sleep((long) (ctx.seconds() * 1000));
        c.measuring = false;
        double seconds = (System.nanoTime() - t0) / 1e9;
        double jvmCpu = (Proc.cpuTicks(pid) - jvm0) / Proc.TICKS_PER_SECOND / seconds * 100;
        double myCpu = (Proc.cpuTicks(self) - me0) / Proc.TICKS_PER_SECOND / seconds * 100;
        c.running = false;
        for (Thread t : players) {
            t.join(15_000);
        }
        long[] cycles = c.cycle.stream().mapToLong(Long::longValue).sorted().toArray();
        lastLine = String.format(Locale.ROOT, "| %d | %.0f | %.2f | %d%s | %d | %.0f / %.0f ms | %.0f %% | %.0f %% | %.2f |", n,
                c.requests.get() / seconds, c.parts.get() / seconds / n, c.errors.get(),
                c.kinds.isEmpty() ? "" : " (" + String.join("; ", c.kinds) + ")", c.missed.get(),
                Stats.percentile(cycles, 50) / 1e6, Stats.percentile(cycles, 99) / 1e6, jvmCpu, myCpu, load);
        return c;
    }

    private void play(int id, Counters c) {
        String playlistPath = channel.path("index.m3u8");
        try (Http1 http = new Http1(channel.playerPort, 10_000, "bench-llplayer-" + id)) {
            LlPlaylist playlist = null;
            long want = -1;
            while (c.running) {
                try {
                    if (playlist == null) {
                        Http1.Answer first = http.get(playlistPath);
                        count(c);
                        if (first.status() != 200) {
                            c.error("playlist " + first.status());
                            Proc.sleep(200);
                            continue;
                        }
                        playlist = LlPlaylist.parse(first.text());
                        want = playlist.hint;
                    }
                    LlPlaylist.PartRef at = playlist.position(want);
                    if (at == null) { // older than every listed part: back to the live edge
                        if (c.measuring) {
                            c.missed.addAndGet(Math.max(0, playlist.hint - want));
                        }
                        want = playlist.hint;
                        continue;
                    }
                    long t0 = System.nanoTime();
                    Http1.Answer reload = http.get(playlistPath + LlPlaylist.blocking(at));
                    count(c);
                    if (reload.status() != 200) {
                        c.error("reload " + reload.status());
                        playlist = null;
                        Proc.sleep(200);
                        continue;
                    }
                    playlist = LlPlaylist.parse(reload.text());
                    if (!playlist.lists(want)) {
                        c.error("reload without the part");
                        playlist = null;
                        continue;
                    }
                    Http1.Answer part = http.get(channel.path("part" + want + ".m4s"));
                    count(c);
                    if (part.status() != 200) {
                        c.error("part " + part.status());
                        want++;
                        continue;
                    }
                    if (c.measuring) {
                        c.parts.incrementAndGet();
                        c.cycle.add(System.nanoTime() - t0);
                    }
                    want++;
                    long newest = playlist.newestPart();
                    if (newest - want >= BEHIND_LIMIT) {
                        if (c.measuring) {
                            c.missed.addAndGet(playlist.hint - want);
                        }
                        want = playlist.hint;
                    }
                } catch (IOException | RuntimeException e) {
                    if (!c.running) {
                        return;
                    }
                    c.error(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                    playlist = null;
                    Proc.sleep(200);
                }
            }
        }
    }

    private static void count(Counters c) {
        if (c.measuring) {
            c.requests.incrementAndGet();
        }
    }
}
