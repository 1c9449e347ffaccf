package org.hlsgateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Blocking playlist requests held at once (issue #15): {@code n} connections are opened first; right after a part has
 * appeared (the harness's own blocking reload just returned), each sends one blocking reload for the next part
 * ({@code _HLS_msn}/{@code _HLS_part} of the preload hint). One selector reads every answer and notes when it was
 * complete. Counted: 200 answers that list the asked part, errors (other statuses, 200 without the part, closed or
 * no answer within 10 s). Wake-up spread: each answer's time minus the earliest answer's (taken as the moment the
 * part appeared). The gateway JVM's threads (/proc/PID/status) are read before and every 5 ms while requests wait.
 */
final class BlockingHold {

    private final Bench.Context ctx;
    private final LiveLlChannel channel;

    BlockingHold(Bench.Context ctx, LiveLlChannel channel) {
        this.ctx = ctx;
        this.channel = channel;
    }

    private static final class Waiter {
        final SocketChannel socket;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        long doneNanos = -1;
        int status = -1;
        String body;

        Waiter(SocketChannel socket) {
            this.socket = socket;
        }
    }

    void run(List<Integer> counts) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int n : counts) {
            for (int i = 0; i < ctx.runs(); i++) {
                String line = hold(n);
                System.out.println("  " + line);
                lines.add(line);
            }
        }
        ctx.report().table("| Waiting at once | 200 listing the part | Errors | Answered before the last request was sent "
                + "| Sending took | Wait, request → answer, p50 | Wake-up spread after the first answer: p50 / p99 / max "
                + "| Gateway threads before → most while waiting |", lines);
        ctx.report().note("Each request is a blocking reload for the preload-hinted part, sent right after the previous part "
                + "appeared (so it waits up to one part target, ~200 ms), each on its own connection (opened beforehand), "
                + "with its own User-Agent. The first answer marks the part's appearance; the spread is each answer's "
                + "completion minus the first's, read by one NIO selector in the harness (its own delay is included).");
    }

    private String hold(int n) throws Exception {
        long pid = channel.gateway.pid();
        List<Waiter> waiters = new ArrayList<>(n);
        Selector selector = Selector.open();
        try {
            for (int i = 0; i < n; i++) {
                SocketChannel socket = SocketChannel.open();
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
                socket.connect(new InetSocketAddress("127.0.0.1", channel.playerPort));
                socket.configureBlocking(false);
                Waiter w = new Waiter(socket);
                socket.register(selector, SelectionKey.OP_READ, w);
                waiters.add(w);
            }
            Proc.sleep(500);
            int threadsBefore = threads(pid);
            // sync on a part boundary: our own blocking reload for the hint returns when the part appears
            LlPlaylist now = channel.playlist();
            Http1.Answer synced = channel.get("index.m3u8" + LlPlaylist.blocking(now.position(now.hint)));
            if (synced.status() != 200) {
                throw new IllegalStateException("blocking reload answered " + synced.status() + ": " + synced.text());
            }
            LlPlaylist after = LlPlaylist.parse(synced.text());
            long wanted = after.hint;
            String query = LlPlaylist.blocking(after.position(wanted));
            String listed = "URI=\"part" + wanted + ".m4s";
            AtomicInteger maxThreads = new AtomicInteger(threadsBefore);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxThreads.accumulateAndGet(threads(pid), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "thread-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long t0 = System.nanoTime();
            long[] sentAt = new long[n];
            for (int i = 0; i < n; i++) {
                ByteBuffer request = ByteBuffer.wrap(("GET " + channel.path("index.m3u8") + query + " HTTP/1.1\r\nHost: 127.0.0.1:"
                        + channel.playerPort + "\r\nUser-Agent: bench-hold-" + i + "\r\nAccept: */*\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                while (request.hasRemaining()) {
                    waiters.get(i).socket.write(request);
                }
                sentAt[i] = System.nanoTime();
            }
            long sent = System.nanoTime();
            int done = 0;
            long deadline = sent + 10_000_000_000L;
            while (done < n && System.nanoTime() < deadline) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Waiter w = (Waiter) key.attachment();
                    int read;
                    try {
                        read = w.socket.read(w.in);
                    } catch (IOException e) {
                        read = -1;
                    }
                    if (read < 0) {
                        w.doneNanos = System.nanoTime();
                        key.cancel();
                        done++;
                    } else if (complete(w)) {
                        w.doneNanos = System.nanoTime();
                        key.cancel();
                        done++;
                    }
                }
                selector.selectedKeys().clear();
            }
            sampler.interrupt();
            sampler.join();
            int ok = 0;
            int early = 0;
            List<Long> okAt = new ArrayList<>();
            long[] waits = new long[n];
            int answered = 0;
            for (int i = 0; i < n; i++) {
                Waiter w = waiters.get(i);
                if (w.status == 200 && w.body != null && w.body.contains(listed)) {
                    ok++;
                    okAt.add(w.doneNanos);
                    waits[answered++] = w.doneNanos - sentAt[i];
                    if (w.doneNanos < sent) {
                        early++;
                    }
                }
            }
            long[] spread = new long[okAt.size()];
            long first = okAt.stream().mapToLong(Long::longValue).min().orElse(0);
            for (int i = 0; i < spread.length; i++) {
                spread[i] = okAt.get(i) - first;
            }
            Arrays.sort(spread);
            long[] w = Arrays.copyOf(waits, answered);
            Arrays.sort(w);
            Map<String, Long> failures = new TreeMap<>(waiters.stream()
                    .filter(x -> x.status != 200 || x.body == null || !x.body.contains(listed))
                    .collect(Collectors.groupingBy(x -> x.status < 0 ? (x.doneNanos < 0 ? "no answer in 10 s" : "closed")
                            : x.status + (x.status == 200 ? " without the part" : ""), Collectors.counting())));
            List<String> statuses = failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
            return String.format(Locale.ROOT, "| %d | %d | %d%s | %d | %.0f ms | %.0f ms | %.1f / %.1f / %.1f ms | %d → %d |",
                    n, ok, n - ok, statuses.isEmpty() ? "" : " (" + String.join(", ", statuses) + ")", early,
                    (sent - t0) / 1e6, Stats.percentile(w, 50) / 1e6, Stats.percentile(spread, 50) / 1e6,
                    Stats.percentile(spread, 99) / 1e6, spread.length == 0 ? Double.NaN : spread[spread.length - 1] / 1e6,
                    threadsBefore, maxThreads.get());
        } finally {
            for (Waiter w : waiters) {
                try {
                    w.socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            selector.close();
        }
    }

    /** True once the buffer holds a whole answer (Content-Length or a chunked body's end); parses it then. */
    private static boolean complete(Waiter w) {
        String text = new String(w.in.array(), 0, w.in.position(), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        String body;
        int at = head.indexOf("content-length:");
        if (at >= 0) {
            int eol = head.indexOf("\r\n", at);
            int length = Integer.parseInt(head.substring(at + 15, eol < 0 ? head.length() : eol).trim());
            if (text.length() < end + 4 + length) {
                return false;
            }
            body = text.substring(end + 4, end + 4 + length);
        } else if (head.contains("chunked")) {
            StringBuilder joined = new StringBuilder();
            int at2 = end + 4;
            while (true) {
                int eol = text.indexOf("\r\n", at2);
                if (eol < 0) {
                    return false;
                }
                int size = Integer.parseInt(text.substring(at2, eol).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                if (text.length() < eol + 2 + size + 2) {
                    return false;
                }
                joined.append(text, eol + 2, eol + 2 + size);
                at2 = eol + 2 + size + 2;
            }
            body = joined.toString();
        } else {
            return false;
        }
        w.status = Integer.parseInt(text.substring(9, 12));
        w.body = body;
        return true;
    }

    /** Threads of a process from /proc/PID/status, or -1. */
    static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring(8).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
