package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hlsgateway.transcoding.entity.AudioMode;
import org.hlsgateway.transcoding.entity.RtspTransport;
import org.hlsgateway.transcoding.entity.VideoMode;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticBuildGuardTest {

    @TempDir
    Path tmp;

    @Test
    void theGuardIsALibcThatIsNoElfFileAndEnvPutsItOnTheLibraryPath() throws Exception {
        Path dir = tmp.resolve("guard");

        List<String> prefix = StaticBuildGuard.prefix(dir);

        assertTrue(prefix.get(0).endsWith("env"), prefix.toString());
        assertEquals("LD_LIBRARY_PATH=" + dir.toAbsolutePath(), prefix.get(1));
        byte[] decoy = Files.readAllBytes(dir.resolve("libc.so.6"));
        assertFalse(decoy[0] == 0x7f && decoy[1] == 'E' && decoy[2] == 'L' && decoy[3] == 'F', "must not load as a library");
        assertEquals(prefix, StaticBuildGuard.prefix(dir), "a second start reuses it");
    }

    @Test
    void everyFfmpegCommandStartsWithThePrefix() throws Exception {
        List<String> prefix = StaticBuildGuard.prefix(tmp);
        FfmpegCommand command = new FfmpegCommand("/opt/ffmpeg/ffmpeg", 1, 6, 5).withPrefix(prefix);
        TranscodeSpec spec = new TranscodeSpec("cam1", "udp://127.0.0.1:1234", RtspTransport.TCP, AudioMode.AAC, VideoMode.COPY);

        for (List<String> args : List.of(command.build(spec, tmp, "r1"), command.probe(spec), command.invocation())) {
            assertEquals(prefix, args.subList(0, 2));
            assertEquals("/opt/ffmpeg/ffmpeg", args.get(2));
        }
    }
}
