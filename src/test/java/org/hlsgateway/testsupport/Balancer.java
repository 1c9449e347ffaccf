package org.hlsgateway.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * nginx as the cluster's one address: round-robin over the nodes, no sticky sessions, the next node when one refuses
 * a connection (the configuration the README's Cluster section shows).
 */
public final class Balancer implements AutoCloseable {

    private final Process process;
    private final int port;

    private Balancer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Balancer start(Path dir, List<Integer> nodePorts) throws IOException, InterruptedException {
        int port = RtspCamera.freePort();
        Files.createDirectories(dir);
        String servers = nodePorts.stream().map(p -> "        server 127.0.0.1:" + p + " max_fails=1 fail_timeout=5s;")
                .collect(Collectors.joining("\n"));
        String conf = """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream gateway {
                %2$s
                        keepalive 64;
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://gateway;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $http_host;
                            proxy_connect_timeout 1s;
                            proxy_read_timeout 60s;
                            proxy_next_upstream error timeout;
                        }
                    }
                }
                """.formatted(dir, servers, port);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new Balancer(process, port);
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited; see " + dir);
                }
                Thread.sleep(20);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("nginx did not listen within 10 s; see " + dir);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
