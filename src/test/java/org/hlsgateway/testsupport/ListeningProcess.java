package org.hlsgateway.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which process listens on a TCP port, read from Linux's {@code /proc} (the socket's inode in
 * {@code /proc/net/tcp[6]}, then the process holding it). Empty where {@code /proc} does not tell.
 */
final class ListeningProcess {

    private static final String LISTEN = "0A";

    private ListeningProcess() {
    }

    static Optional<Long> of(int port) {
        Optional<String> inode = Stream.of("/proc/net/tcp", "/proc/net/tcp6")
                .flatMap(ListeningProcess::lines)
                .map(line -> line.trim().split("\\s+"))
                .filter(f -> f.length > 9 && f[3].equals(LISTEN) && f[1].endsWith(String.format(":%04X", port)))
                .map(f -> f[9])
                .findFirst();
        if (inode.isEmpty()) {
            return Optional.empty();
        }
        String link = "socket:[" + inode.get() + "]";
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> holds(pid, link)).findFirst();
    }

    private static Stream<String> lines(String file) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().skip(1);
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static boolean holds(long pid, String link) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(link);
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
