package org.hlsgateway.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * nginx serving a directory as the reference file server: our own config (no access log,
 * sendfile, keep-alive without a request limit, one worker per core), {@code daemon off}, a free port.
 */
final class Nginx implements AutoCloseable {

    final int port;
    private final Process process;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Nginx start(Path root, Path dir) throws IOException {
        int port = Proc.freePort();
        Files.createDirectories(dir);
        String conf = """
                daemon off;
                user root;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    tcp_nodelay on;
                    keepalive_timeout 65;
                    keepalive_requests 1000000;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; video/mp4 mp4; video/iso.segment m4s; }
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                        location ~ \\.m3u8$ { add_header Cache-Control no-cache; }
                        location ~ \\.ts$ { add_header Cache-Control "public, max-age=3600, immutable"; }
                    }
                }
                """.formatted(dir, port, root);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(process, port);
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return nginx;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited; see " + dir);
                }
                Proc.sleep(20);
            }
        }
        nginx.close();
        throw new IllegalStateException("nginx did not listen within 10 s");
    }

    @Override
    public void close() {
        Proc.stop(process, 5000);
    }
}
