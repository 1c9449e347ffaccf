package org.hlsgateway.playback.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.operations.boundary.GatewayMetrics;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.playback.control.Clients;
import org.hlsgateway.playback.control.HlsFile;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.TranscoderHandle;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.playback.control.PlaylistRewriter;

/**
 * {@code GET /hls_gateway/read/{nickname}/{file}}: the playlist and segments of a running
 * channel. Each request counts as activity. Only names that {@link HlsFile} accepts reach
 * the file system, and only inside the channel's own directory.
 */
@Path("{nickname}/{file}")
public class ReadResource {

    @Inject
    Playback playback;

    @Inject
    Transcoders transcoders;

    @Inject
    GatewayMetrics metrics;

    @Context
    HttpServletRequest request;

    @GET
    public void read(@PathParam("nickname") String nickname, @PathParam("file") String file,
                     @QueryParam("token") String token, @Suspended AsyncResponse response) {
        if (!ChannelValidator.isNickname(nickname)) {
            response.resume(Playback.unknown(nickname));
            return;
        }
        Optional<HlsFile> hls = HlsFile.parse(file);
        if (hls.isEmpty()) {
            response.resume(ErrorResponses.of(Response.Status.BAD_REQUEST,
                    "file must be index.m3u8 or a segment name such as abc123-7.ts"));
            return;
        }
        if (hls.get().kind() == HlsFile.Kind.PREVIEW) {
            response.resume(preview(nickname, token));
            return;
        }
        boolean playlist = hls.get().kind() == HlsFile.Kind.PLAYLIST;
        // a bookmarked playlist URL starts a cold channel too; a segment needs a running one
        Optional<TranscodeSpec> spec = playlist ? playback.spec(nickname)
                : transcoders.running(nickname).map(TranscoderHandle::spec);
        if (spec.isEmpty()) {
            response.resume(playlist ? Playback.unknown(nickname)
                    : ErrorResponses.of(Response.Status.NOT_FOUND, "channel '" + nickname
                    + "' is not running; open /hls_gateway/watch/" + nickname + " to start it"));
            return;
        }
        Response refused = playback.refusal(spec.get(), token, request);
        if (refused != null) {
            response.resume(refused);
            return;
        }
        TranscoderHandle handle = playlist ? playback.start(spec.get()) : transcoders.running(nickname).orElse(null);
        if (handle == null) {
            response.resume(ErrorResponses.of(Response.Status.NOT_FOUND, "channel '" + nickname + "' has just stopped"));
            return;
        }
        transcoders.touch(nickname, Clients.key(request.getRemoteAddr(), request.getHeader("User-Agent")));
        String segmentToken = spec.get().publicAccess() ? null : token;
        if (playlist && !handle.isReady()) {
            playback.answerWhenReady(handle, response, ready -> serve(ready, hls.get(), segmentToken));
            return;
        }
        response.resume(serve(handle, hls.get(), segmentToken));
    }

    /** A still of the running channel for the console; never starts FFmpeg and never counts as viewing. */
    private Response preview(String nickname, String token) {
        Optional<TranscoderHandle> handle = transcoders.running(nickname);
        if (handle.isEmpty()) {
            return ErrorResponses.of(Response.Status.NOT_FOUND, "channel '" + nickname + "' is not running: no preview");
        }
        Response refused = playback.refusal(handle.get().spec(), token, request);
        if (refused != null) {
            return refused;
        }
        return transcoders.preview(nickname)
                .map(jpeg -> Response.ok(jpeg, HlsFile.Kind.PREVIEW.contentType())
                        .header("Cache-Control", HlsFile.Kind.PREVIEW.cacheControl()).build())
                .orElseGet(() -> ErrorResponses.of(Response.Status.NOT_FOUND, "no segment to take a preview from yet"));
    }

    /** The playlist with the player's token on every segment URI. */
    private Response servePlaylist(java.nio.file.Path path, String token) {
        try {
            byte[] body = PlaylistRewriter.withToken(Files.readString(path), token).getBytes(StandardCharsets.UTF_8);
            metrics.served(body.length);
            return Response.ok(body, HlsFile.Kind.PLAYLIST.contentType())
                    .header("Content-Length", body.length)
                    .header("Cache-Control", HlsFile.Kind.PLAYLIST.cacheControl())
                    .build();
        } catch (IOException e) {
            return ErrorResponses.of(Response.Status.NOT_FOUND, "the playlist cannot be read");
        }
    }

    @OPTIONS
    public Response preflight() {
        return Response.noContent()
                .header("Access-Control-Allow-Methods", "GET, OPTIONS")
                .header("Access-Control-Allow-Headers", "Range")
                .header("Access-Control-Max-Age", "86400")
                .build();
    }

    private Response serve(TranscoderHandle handle, HlsFile file, String token) {
        java.nio.file.Path path = handle.directory().resolve(file.name());
        if (file.kind() == HlsFile.Kind.PLAYLIST && token != null) {
            return servePlaylist(path, token);
        }
        FileChannel channel;
        long size;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            size = channel.size();
        } catch (NoSuchFileException e) {
            return ErrorResponses.of(Response.Status.NOT_FOUND, file.name() + " is no longer available (segments expire after a few seconds)");
        } catch (IOException e) {
            return ErrorResponses.of(Response.Status.NOT_FOUND, file.name() + " cannot be read");
        }
        metrics.served(size);
        StreamingOutput body = out -> {
            try (FileChannel in = channel) {
                var target = Channels.newChannel(out);
                long position = 0;
                while (position < size) {
                    long sent = in.transferTo(position, size - position, target);
                    if (sent <= 0) {
                        break;
                    }
                    position += sent;
                }
            }
        };
        return Response.ok(body, file.kind().contentType())
                .header("Content-Length", size)
                .header("Cache-Control", file.kind().cacheControl())
                .build();
    }
}
