package org.hlsgateway.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real ffprobe: which codecs a media file holds. */
public final class Ffprobe {

    private Ffprobe() {
    }

    /** Lines such as {@code video h264} and {@code audio aac}, one per stream. */
    public static List<String> streams(Path file) throws IOException, InterruptedException {
        return streams(file.toString());
    }

    /** The streams of what a URL serves, e.g. a live playlist read through the gateway. */
    public static List<String> streams(java.net.URI url) throws IOException, InterruptedException {
        return streams(url.toString());
    }

    private static List<String> streams(String input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name",
                "-of", "compact=p=0:nk=1", input).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("ffprobe failed on " + input + ": " + out);
        }
        // compact prints codec_name|codec_type
        return out.lines().filter(l -> !l.isBlank()).map(l -> {
            String[] parts = l.split("\\|");
            return parts[1] + " " + parts[0];
        }).toList();
    }

    /** The height of the first video stream. */
    public static int videoHeight(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=height", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(30, TimeUnit.SECONDS);
        return Integer.parseInt(out.lines().findFirst().orElseThrow().trim());
    }
}
