package org.hlsgateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Reads one HTTP/1.1 answer off a keep-alive connection: its head, then its body (fixed length or chunked). */
final class Http1Reader {

    /** The status and what the headers say about the body and the connection. */
    record Head(int status, long length, boolean chunked, boolean close) {
    }

    /** Takes {@code length} bytes of a body off the stream (keeps or drops them). */
    @FunctionalInterface
    interface Sink {
        void take(InputStream in, long length) throws IOException;
    }

    private Http1Reader() {
    }

    /** The head of the next answer, or null when the connection was closed before a whole one. */
    static Head head(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return null;
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        return header == null ? null : new Head(status, length, chunked, close);
    }

    /** The body after {@code head}, handed to {@code sink} piece by piece; returns its length. */
    static long body(InputStream in, Head head, Sink sink) throws IOException {
        if (!head.chunked()) {
            long length = Math.max(0, head.length());
            sink.take(in, length);
            return length;
        }
        long total = 0;
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("closed inside a chunked body");
            }
            int chunk = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (chunk == 0) {
                String trailer;
                while ((trailer = line(in)) != null && !trailer.isEmpty()) {
                    // skip trailers
                }
                return total;
            }
            sink.take(in, chunk);
            total += chunk;
            line(in);
        }
    }

    /** A CRLF-terminated line without its terminator, or null at end of stream. */
    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return null;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
