package org.hlsgateway.testsupport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server's log file from a point on, where the pass names one ({@code hls.server.log}: WildFly's
 * server.log); Payara Micro logs to the console, so there it reads as empty.
 */
public final class ServerLog {

    private final Path file;
    private final long start;

    private ServerLog(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    public static ServerLog fromHere() throws IOException {
        String name = System.getProperty("hls.server.log", "");
        Path file = name.isBlank() ? null : Path.of(name);
        return new ServerLog(file, file != null && Files.exists(file) ? Files.size(file) : 0);
    }

    /** The ERROR lines (and UT010019, whatever its level) written since {@link #fromHere()}. */
    public List<String> errorsSince() throws IOException {
        if (file == null || !Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(Math.min(start, in.length()));
            byte[] tail = new byte[(int) (in.length() - in.getFilePointer())];
            in.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains(" ERROR ") || l.contains("UT010019")).toList();
        }
    }
}
