package org.hlsgateway.playback.boundary;

import jakarta.enterprise.context.ApplicationScoped;
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
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.operations.boundary.GatewayMetrics;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.playback.control.Clients;
import org.hlsgateway.playback.control.HlsFile;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.api.StartFailures;
import org.hlsgateway.transcoding.control.LiveSession;
import org.hlsgateway.transcoding.control.StartFailedException;
import org.hlsgateway.transcoding.control.TranscoderHandle;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.playback.control.PlaylistRewriter;

/**
 * {@code GET /hls_gateway/read/{nickname}/{file}}: the playlist and segments of a running
 * channel. Each request counts as activity. Only names that {@link HlsFile} accepts reach
 * the file system, and only inside the channel's own directory.
 */
@Path("{nickname}/{file}")
@ApplicationScoped // one instance: nothing is created or injected per request on the hottest path
public class ReadResource {

    @Inject
    Playback playback;

    @Inject
    Transcoders transcoders;

    @Inject
    GatewayMetrics metrics;

    @GET
    public void read(@PathParam("nickname") String nickname, @PathParam("file") String file,
                     @QueryParam("token") String token, @Context HttpServletRequest request,
                     @Suspended AsyncResponse response) {
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
            response.resume(preview(nickname, token, request));
            return;
        }
        if (hls.get().kind() == HlsFile.Kind.PLAYLIST) {
            playlist(nickname, token, request, response);
        } else {
            response.resume(segment(nickname, hls.get(), token, request));
        }
    }

    /**
     * The channel's playlist; a bookmarked playlist URL starts a cold channel too. While a failed
     * source is restarted, players polling here keep getting the window they had, so they resume
     * by themselves once new segments arrive.
     */
    private void playlist(String nickname, String token, HttpServletRequest request, AsyncResponse response) {
        Optional<TranscodeSpec> spec = playback.spec(nickname);
        if (spec.isEmpty()) {
            response.resume(Playback.unknown(nickname));
            return;
        }
        Response refused = playback.refusal(spec.get(), token, request);
        if (refused != null) {
            response.resume(refused);
            return;
        }
        transcoders.touch(nickname, Clients.key(request.getRemoteAddr(), request.getHeader("User-Agent")));
        String segmentToken = spec.get().publicAccess() ? null : token;
        TranscoderHandle handle;
        try {
            handle = playback.start(spec.get());
        } catch (StartFailedException e) {
            Optional<String> window = transcoders.playlist(nickname);
            response.resume(e.kind() == StartFailedException.Kind.RETRYING && window.isPresent()
                    ? playlistResponse(window.get(), segmentToken) : StartFailures.response(e));
            return;
        }
        Optional<String> window = transcoders.playlist(nickname);
        if (window.isPresent()) {
            response.resume(playlistResponse(window.get(), segmentToken));
        } else {
            playback.answerWhenReady(handle, response, ready -> transcoders.playlist(nickname)
                    .map(text -> playlistResponse(text, segmentToken))
                    .orElseGet(() -> ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE, "the playlist is not ready yet")));
        }
    }

    /** A segment (or fMP4 init section) the channel's playlist lists; never starts FFmpeg. */
    private Response segment(String nickname, HlsFile file, String token, HttpServletRequest request) {
        Optional<LiveSession> session = transcoders.session(nickname);
        if (session.isEmpty()) {
            return ErrorResponses.of(Response.Status.NOT_FOUND, "channel '" + nickname
                    + "' is not running; open /hls_gateway/watch/" + nickname + " to start it");
        }
        Response refused = playback.refusal(session.get().spec(), token, request);
        if (refused != null) {
            return refused;
        }
        transcoders.touch(nickname, Clients.key(request.getRemoteAddr(), request.getHeader("User-Agent")));
        return session.get().file(file.name()).map(path -> serveFile(path, file))
                .orElseGet(() -> gone(file));
    }

    /** A still of the running channel for the console; never starts FFmpeg and never counts as viewing. */
    private Response preview(String nickname, String token, HttpServletRequest request) {
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
    private Response playlistResponse(String text, String token) {
        byte[] body = PlaylistRewriter.withToken(text, token).getBytes(StandardCharsets.UTF_8);
        metrics.served(body.length);
        return Response.ok(body, HlsFile.Kind.PLAYLIST.contentType())
                .header("Content-Length", body.length)
                .header("Cache-Control", HlsFile.Kind.PLAYLIST.cacheControl())
                .build();
    }

    private static Response gone(HlsFile file) {
        return ErrorResponses.of(Response.Status.NOT_FOUND, file.name()
                + " is no longer available (segments expire after a few seconds)");
    }

    @OPTIONS
    public Response preflight() {
        return Response.noContent()
                .header("Access-Control-Allow-Methods", "GET, OPTIONS")
                .header("Access-Control-Allow-Headers", "Range")
                .header("Access-Control-Max-Age", "86400")
                .build();
    }

    private Response serveFile(java.nio.file.Path path, HlsFile file) {
        FileChannel channel;
        long size;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            size = channel.size();
        } catch (NoSuchFileException e) {
            return gone(file);
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
