package org.hlsgateway.testsupport;

import java.util.List;

/** The FFmpeg processes on this machine whose arguments mention a marker (a channel's nickname). */
public final class FfmpegProcesses {

    private FfmpegProcesses() {
    }

    /** Live FFmpeg processes that write HLS for {@code nickname}. */
    public static List<ProcessHandle> forChannel(String nickname) {
        String marker = "/" + nickname + "-";
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> List.of(args).stream()
                        .anyMatch(a -> a.contains(marker) && a.endsWith("index.m3u8"))).orElse(false))
                .toList();
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
