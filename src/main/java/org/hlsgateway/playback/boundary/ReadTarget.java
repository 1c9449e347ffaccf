package org.hlsgateway.playback.boundary;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.playback.control.HlsFile;

/**
 * What a read path {@code /{nickname}/{file}} names, or the answer to a path that names nothing: the same rules on
 * both listeners. Only names that {@link HlsFile} accepts reach the file system, and only inside the channel's own
 * directory.
 */
record ReadTarget(String nickname, HlsFile file, Response error) {

    static ReadTarget of(String pathInfo) {
        String[] parts = parts(pathInfo);
        if (parts == null) {
            return failed(ErrorResponses.of(Response.Status.NOT_FOUND,
                    "no such resource: use /hls_gateway/read/{nickname}/{file}"));
        }
        if (!ChannelValidator.isNickname(parts[0])) {
            return failed(Playback.unknown(parts[0]));
        }
        Optional<HlsFile> hls = HlsFile.parse(parts[1]);
        return hls.map(file -> new ReadTarget(parts[0], file, null)).orElseGet(() -> failed(ErrorResponses.of(
                Response.Status.BAD_REQUEST, "file must be index.m3u8 or a segment name such as abc123-7.ts "
                        + "(LL-HLS: init7.mp4, seg12.m4s, part40.m4s)")));
    }

    private static ReadTarget failed(Response error) {
        return new ReadTarget(null, null, error);
    }

    /** A segment file that FFmpeg's MPEG-TS muxer wrote, sent by each listener its own way. */
    boolean segmentFile() {
        return file.kind() == HlsFile.Kind.SEGMENT || file.kind() == HlsFile.Kind.FRAGMENT
                || file.kind() == HlsFile.Kind.INIT;
    }

    /** {nickname, file} of a path info {@code /nickname/file}; null for any other shape. */
    static String[] parts(String pathInfo) {
        if (pathInfo == null || pathInfo.length() < 4 || pathInfo.charAt(0) != '/') {
            return null;
        }
        int slash = pathInfo.indexOf('/', 1);
        if (slash < 2 || slash == pathInfo.length() - 1 || pathInfo.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        return new String[] {pathInfo.substring(1, slash), pathInfo.substring(slash + 1)};
    }
}
