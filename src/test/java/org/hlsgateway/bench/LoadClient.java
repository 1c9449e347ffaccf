package org.hlsgateway.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain HTTP/1.1 load client: N keep-alive connections, one thread each; every thread sends
 * the same GET again as soon as it has read the previous answer completely. When the server
 * closes a connection the thread reconnects (counted) and goes on.
 */
final class LoadClient {

    record Result(long requests, long bytes, long errors, long reconnects, double seconds, long[] latencies)
            implements ServingFigures.Run {

        @Override
        public double megabytes() {
            return bytes / 1e6;
        }

        @Override
        public double p50Millis() {
            return Stats.percentile(latencies, 50) / 1e6;
        }

        @Override
        public double p99Millis() {
            return Stats.percentile(latencies, 99) / 1e6;
        }
    }

    /** One answer: status, body length, and whether the server closes the connection after it. */
    private record Answer(int status, long bodyBytes, boolean close) {
    }

    private static final class Connection implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Connection(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 65536);
            out = socket.getOutputStream();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private LoadClient() {
    }

    static Result run(int port, String path, int connections, double seconds) throws InterruptedException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUser-Agent: bench-load\r\nAccept: */*\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        AtomicLong requests = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong reconnects = new AtomicLong();
        CountDownLatch connected = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int id = c;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                int n = 0;
                long myBytes = 0;
                byte[] scratch = new byte[65536];
                Connection connection = null;
                try {
                    connection = new Connection(port);
                    connected.countDown();
                    go.await();
                    long end = window[1];
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        Answer answer;
                        try {
                            connection.out.write(request);
                            answer = read(connection.in, scratch);
                        } catch (IOException e) {
                            answer = null;
                        }
                        long t1 = System.nanoTime();
                        if (answer == null || answer.close()) {
                            connection.close();
                            reconnects.incrementAndGet();
                            connection = new Connection(port);
                            if (answer == null) {
                                continue; // closed before an answer: send again
                            }
                        }
                        if (t1 > end) {
                            break;
                        }
                        if (answer.status() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = t1 - t0;
                        myBytes += answer.bodyBytes();
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    connected.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (connection != null) {
                        connection.close();
                    }
                    latencies[id] = mine;
                    counts[id] = n;
                    requests.addAndGet(n);
                    bytes.addAndGet(myBytes);
                }
            }, "load-" + c);
            thread.setDaemon(true);
            threads.add(thread);
        }
        window[0] = Long.MAX_VALUE;
        window[1] = Long.MAX_VALUE;
        threads.forEach(Thread::start);
        connected.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + (long) (seconds * 1e9);
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(requests.get(), bytes.get(), errors.get(), reconnects.get(), Math.max(seconds, Math.min(elapsed, seconds)), all);
    }

    /** Reads one complete answer, or null when the connection was closed before one. */
    private static Answer read(InputStream in, byte[] scratch) throws IOException {
        Http1Reader.Head head = Http1Reader.head(in);
        if (head == null) {
            return null;
        }
        long body = Http1Reader.body(in, head, (stream, length) -> skip(stream, length, scratch));
        return new Answer(head.status(), body, head.close());
    }

    private static long skip(InputStream in, long length, byte[] scratch) throws IOException {
        long left = length;
        while (left > 0) {
            int read = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (read < 0) {
                throw new IOException("closed inside a body");
            }
            left -= read;
        }
        return length;
    }
}
