package org.hlsgateway.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that reads whole answers (status and body), for simulated players: cheaper
 * than java.net.http when hundreds of them share the machine with the server. Reconnects when the server closed
 * the connection. Not thread-safe.
 */
final class Http1 implements AutoCloseable {

    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;
    private final int timeoutMillis;
    private final String agent;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Http1(int port, int timeoutMillis, String agent) {
        this.port = port;
        this.timeoutMillis = timeoutMillis;
        this.agent = agent;
    }

    Answer get(String path) throws IOException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUser-Agent: " + agent
                + "\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; ; attempt++) {
            boolean fresh = socket == null;
            if (fresh) {
                connect();
            }
            try {
                out.write(request);
                out.flush();
                Answer answer = read();
                if (answer != null) {
                    return answer;
                }
            } catch (IOException e) {
                if (fresh || attempt > 0) {
                    close();
                    throw e;
                }
            }
            close(); // the server closed a kept-alive connection: once more on a new one
            if (attempt > 0) {
                throw new IOException("closed before an answer");
            }
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    private Answer read() throws IOException {
        Http1Reader.Head head = Http1Reader.head(in);
        if (head == null) {
            return null;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(head.length() > 0 ? (int) head.length() : 4096);
        Http1Reader.body(in, head, (stream, length) -> copy(length, body));
        if (head.close()) {
            close();
        }
        return new Answer(head.status(), body.toByteArray());
    }

    private void copy(long length, ByteArrayOutputStream body) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("closed inside a body");
            }
            body.write(buffer, 0, read);
            left -= read;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
    }
}
