package org.hlsgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a run came from: cores, CPU model, memory, Java, FFmpeg, nginx. */
final class Machine {

    private Machine() {
    }

    static String describe(int runs, double seconds) {
        String cpu = "?";
        long memKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException e) {
            // leave unknown
        }
        return String.format(Locale.ROOT, "Machine: %d cores (`nproc`), %s, %.1f GB RAM; Java %s (%s); %s; %s; Payara Micro %s. "
                        + "%d runs per figure, %s s per load run.",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0,
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                Proc.firstLine("ffmpeg", "-version").replaceAll(" Copyright.*", ""),
                Proc.firstLine("nginx", "-v").replace("nginx version: ", "nginx "),
                System.getProperty("bench.payara", "?"), runs, Report.num(seconds));
    }
}
