package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLauncherTest {

    @TempDir
    Path tmp;

    @Test
    void wrapsTheCommandInSetprivWhenItExists() {
        ProcessLauncher with = new ProcessLauncher(Thread::new, true);
        ProcessLauncher without = new ProcessLauncher(Thread::new, false);
        try {
            assertEquals(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--", "ffmpeg", "-i", "x"),
                    with.wrap(List.of("ffmpeg", "-i", "x")));
            assertEquals(List.of("ffmpeg", "-i", "x"), without.wrap(List.of("ffmpeg", "-i", "x")));
        } finally {
            with.close();
            without.close();
        }
    }

    /** The kernel kills the child when the thread that started it ends: what happens to FFmpeg when the JVM dies. */
    @Test
    void aChildDiesWithItsLauncher() throws Exception {
        assertTrue(Files.isExecutable(ProcessLauncher.SETPRIV), "util-linux setpriv (installed by .ci/run)");
        ProcessLauncher launcher = new ProcessLauncher(Thread::new);
        Process child = launcher.launch(List.of("sleep", "60"), tmp);
        assertTrue(child.isAlive());
        long end = System.currentTimeMillis() + 5_000; // setpriv arms the signal, then becomes sleep
        while (!child.info().command().orElse("").endsWith("sleep") && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }

        launcher.close(); // the launcher thread ends, as every thread does when the JVM is killed

        assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child outlived its launcher");
        assertEquals(128 + 9, child.exitValue(), "killed by SIGKILL");
    }
}
