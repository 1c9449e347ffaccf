package org.hlsgateway.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real RTSP camera: GStreamer's gst-rtsp-server (src/test/camera/rtsp_camera.py) sending
 * H.264 with a 1 s GOP and G.711 A-law audio. It reports every client it sees.
 */
public final class RtspCamera implements AutoCloseable {

    private final Process process;
    private final int port;
    private final boolean tls;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    private RtspCamera(Process process, int port, boolean tls) {
        this.process = process;
        this.port = port;
        this.tls = tls;
        Thread reader = new Thread(this::follow, "rtsp-camera-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    public static RtspCamera start() throws IOException, InterruptedException {
        return start(null);
    }

    /** A camera that serves RTSPS (RTSP over TLS) with a self-signed certificate made for it. */
    public static RtspCamera startTls(java.nio.file.Path dir) throws IOException, InterruptedException {
        java.nio.file.Path key = dir.resolve("camera.key");
        java.nio.file.Path cert = dir.resolve("camera.crt");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=127.0.0.1")
                .redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        if (openssl.waitFor() != 0) {
            throw new IllegalStateException("openssl could not make a certificate");
        }
        java.nio.file.Path pem = dir.resolve("camera.pem");
        java.nio.file.Files.writeString(pem, java.nio.file.Files.readString(cert) + java.nio.file.Files.readString(key));
        return start(pem.toString());
    }

    /** A camera with extra options of the camera script, e.g. {@code --width 320 --height 180 --fps 15}. */
    public static RtspCamera startWith(String... options) throws IOException, InterruptedException {
        return start(null, freePort(), options);
    }

    /** A camera on a given port: to bring a stopped camera back where its channel expects it. */
    public static RtspCamera startOn(int port) throws IOException, InterruptedException {
        return start(null, port);
    }

    private static RtspCamera start(String tlsPem) throws IOException, InterruptedException {
        return start(tlsPem, freePort());
    }

    private static RtspCamera start(String tlsPem, int port, String... options) throws IOException, InterruptedException {
        String script = System.getProperty("hls.camera.script", "src/test/camera/rtsp_camera.py");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/usr/bin/python3", script,
                "--port", Integer.toString(port)));
        if (tlsPem != null) {
            command.addAll(java.util.List.of("--tls", tlsPem));
        }
        command.addAll(java.util.List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        RtspCamera camera = new RtspCamera(process, port, tlsPem != null);
        if (!camera.ready.await(30, TimeUnit.SECONDS)) {
            camera.close();
            throw new IllegalStateException("RTSP camera did not start: " + camera.events);
        }
        return camera;
    }

    public int port() {
        return port;
    }

    public String url() {
        return (tls ? "rtsps" : "rtsp") + "://127.0.0.1:" + port + "/cam";
    }

    public int connects() {
        return (int) events.stream().filter(e -> e.startsWith("CONNECTED")).count();
    }

    public int closes() {
        return (int) events.stream().filter(e -> e.startsWith("CLOSED")).count();
    }

    /** Clients connected now, as the camera last reported it. */
    public int activeClients() {
        for (int i = events.size() - 1; i >= 0; i--) {
            String e = events.get(i);
            if (e.startsWith("CONNECTED ") || e.startsWith("CLOSED ")) {
                return Integer.parseInt(e.substring(e.indexOf(' ') + 1).trim());
            }
        }
        return 0;
    }

    /** Waits until the camera has no client; true if that happened within {@code timeout}. */
    public boolean awaitNoClients(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (connects() > 0 && activeClients() == 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    private void follow() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                events.add(line);
                if (line.startsWith("READY")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            events.add("READ-ERROR " + e.getMessage());
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
