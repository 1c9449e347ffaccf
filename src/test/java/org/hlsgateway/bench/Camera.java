package org.hlsgateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The test camera (src/test/camera/rtsp_camera.py) on a free port. Follows its stdout and keeps
 * the time of every {@code CLOSED n} line, which is when the camera saw a client go.
 */
final class Camera implements AutoCloseable {

    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CopyOnWriteArrayList<Long> closedAt = new CopyOnWriteArrayList<>();
    private volatile int active;
    private volatile String url;

    private Camera(Process process) {
        this.process = process;
        Thread reader = new Thread(this::follow, "camera-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static Camera start(Path root, int gopSeconds) throws IOException, InterruptedException {
        int port = Proc.freePort();
        Process process = new ProcessBuilder("/usr/bin/python3", root.resolve("src/test/camera/rtsp_camera.py").toString(),
                "--port", Integer.toString(port), "--mount", "/bench", "--gop", Integer.toString(gopSeconds))
                .redirectErrorStream(true).start();
        Camera camera = new Camera(process);
        if (!camera.ready.await(20, TimeUnit.SECONDS)) {
            camera.close();
            throw new IllegalStateException("the camera did not print READY within 20 s");
        }
        return camera;
    }

    private void follow() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                if (line.startsWith("READY ")) {
                    url = line.substring(6).trim();
                    ready.countDown();
                } else if (line.startsWith("CONNECTED ")) {
                    active = Integer.parseInt(line.substring(10).trim());
                } else if (line.startsWith("CLOSED ")) {
                    active = Integer.parseInt(line.substring(7).trim());
                    closedAt.add(now);
                } else if (line.startsWith("ERROR")) {
                    System.err.println("camera: " + line);
                }
            }
        } catch (IOException e) {
            // the camera ended
        }
    }

    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    int active() {
        return active;
    }

    /** Waits until no client is connected (so the next start is cold for the camera too). */
    void awaitNoClients(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (active > 0 && System.currentTimeMillis() < deadline) {
            Proc.sleep(20);
        }
    }

    /** nanoTime of the first CLOSED line at or after {@code afterNanos}, or -1 on timeout. */
    long awaitClosedAfter(long afterNanos, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            for (long t : closedAt) {
                if (t >= afterNanos) {
                    return t;
                }
            }
            Proc.sleep(5);
        }
        return -1;
    }

    @Override
    public void close() {
        Proc.stop(process, 3000);
    }
}
