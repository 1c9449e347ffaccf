package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hlsgateway.transcoding.entity.InputStreams;

/**
 * The one reader of a run's output playlist (FFmpeg's {@code index.m3u8}): the live window merges
 * its text, the handle finds its first segment in it, the bitrate and the preview use its lines.
 */
public final class RunOutput {

    private RunOutput() {
    }

    /** The playlist's text as it is on disk now; empty before FFmpeg wrote it. */
    static Optional<String> text(Path playlist) {
        try {
            return Optional.of(Files.readString(playlist));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The playlist's lines as they are on disk now; empty before FFmpeg wrote it. */
    static Optional<List<String>> lines(Path playlist) {
        return text(playlist).map(String::lines).map(java.util.stream.Stream::toList);
    }

    /** True once the playlist lists a complete segment. */
    static boolean listsASegment(Path playlist) {
        return text(playlist).filter(t -> t.contains("#EXTINF")).isPresent();
    }

    /** The source's streams, with the bitrate measured from the segments when the source did not say. */
    static InputStreams streams(TranscoderHandle handle) {
        InputStreams streams = handle.input().streams();
        return streams.bitrateKbps() != null || !handle.isReady() ? streams
                : streams.withMeasuredBitrate(MeasuredBitrate.of(handle.playlist()).orElse(null));
    }
}
