package org.hlsgateway.testsupport;

import java.util.List;

/** The FFmpeg processes on this machine whose arguments mention a marker (a channel's nickname). */
public final class FfmpegProcesses {

    private FfmpegProcesses() {
    }

    /**
     * Live FFmpeg processes that write HLS for {@code nickname}: files in its run directory, or (LL-HLS) fMP4 to a pipe
     * from its run directory as the working directory.
     */
    public static List<ProcessHandle> forChannel(String nickname) {
        String marker = "/" + nickname + "-";
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> List.of(args).stream()
                        .anyMatch(a -> a.contains(marker) && a.endsWith("index.m3u8"))).orElse(false)
                        || isPackagedRun(p, marker))
                .toList();
    }

    private static boolean isPackagedRun(ProcessHandle process, String marker) {
        if (!process.info().arguments().map(args -> List.of(args).contains("pipe:1")).orElse(false)) {
            return false;
        }
        try {
            String cwd = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc", Long.toString(process.pid()),
                    "cwd")).toString();
            return cwd.substring(cwd.lastIndexOf('/')).startsWith(marker);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public static boolean awaitNone(String nickname, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (forChannel(nickname).isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return forChannel(nickname).isEmpty();
    }
}
