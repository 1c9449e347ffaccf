package org.hlsgateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A request sent byte for byte as given, for paths that HTTP clients refuse to send
 * (backslashes, NUL). Returns the status line and body, since the server's HTTP layer may
 * answer such requests with only a reason phrase.
 */
public final class RawHttp {

    /** The status code and everything readable: reason phrase plus body. */
    public record Answer(int status, String text) {
    }

    private RawHttp() {
    }

    public static Answer get(URI base, String rawPath) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String statusLine = response.lines().findFirst().orElse("");
            String[] parts = statusLine.split(" ", 3);
            int headerEnd = response.indexOf("\r\n\r\n");
            String body = headerEnd < 0 ? "" : response.substring(headerEnd + 4);
            return new Answer(Integer.parseInt(parts[1]), (parts.length > 2 ? parts[2] : "") + " " + body);
        }
    }
}
