package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The stream's bitrate measured from what FFmpeg wrote: bytes of the segments a playlist lists
 * over their durations. Live sources (RTSP, UDP, SRT) give FFmpeg no bitrate when it opens them;
 * for a copied channel this is the source's own rate (plus container overhead).
 */
public final class MeasuredBitrate {

    private MeasuredBitrate() {
    }

    /** kbit/s over the segments {@code playlist} lists, or empty while none is complete. */
    public static Optional<Integer> of(Path playlist) {
        Optional<List<String>> read = RunOutput.lines(playlist);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = read.get();
        Path directory = playlist.getParent();
        double seconds = 0;
        long bytes = 0;
        Double pending = null;
        for (String line : lines) {
            if (line.startsWith("#EXTINF:")) {
                double d = SegmentWindow.duration(line);
                pending = d > 0 ? d : null;
            } else if (pending != null && !line.isBlank() && !line.startsWith("#")) {
                try {
                    bytes += Files.size(directory.resolve(line.trim()));
                    seconds += pending;
                } catch (IOException e) {
                    // deleted between the playlist read and now: leave it out of the measure
                }
                pending = null;
            }
        }
        return seconds <= 0 ? Optional.empty() : Optional.of((int) Math.round(bytes * 8 / seconds / 1000));
    }
}
