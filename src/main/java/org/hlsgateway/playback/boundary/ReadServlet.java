package org.hlsgateway.playback.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.api.DatabaseAnswers;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.api.ServletAnswers;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.operations.boundary.GatewayMetrics;
import org.hlsgateway.playback.control.HlsFile;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.LiveOutput;

/**
 * {@code GET /hls_gateway/read/{nickname}/{file}}: the playlist and segments of a running channel.
 * Each request counts as activity. Only names that {@link HlsFile} accepts reach the file system,
 * and only inside the channel's own directory.
 *
 * <p>A plain servlet, not a JAX-RS resource: this is what every player asks for about once per
 * segment duration, and a servlet answers it with about a third of the CPU (no JAX-RS dispatch,
 * no asynchronous request unless a cold channel makes the player wait, no EJB call per request;
 * the transcoders' {@link LiveOutput} is thread-safe and read directly). What a request may get is
 * {@link Playback}'s decision, one call per request; this class only speaks HTTP.
 */
@WebServlet(urlPatterns = "/read/*", asyncSupported = true)
public class ReadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ReadServlet.class.getName());

    @Inject
    transient Playback playback;

    @Inject
    transient Transcoders transcoders;

    @Inject
    transient GatewayMetrics metrics;

    @Inject
    transient DatabaseStatus database;

    @Inject
    transient LowLatencyPlayback lowLatency;

    @Inject
    transient LowLatencyMedia lowLatencyMedia;

    private transient LiveOutput live;
    private String allowOrigin;

    @Override
    public void init() {
        live = transcoders.live();
        allowOrigin = transcoders.config().allowOrigin();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        cors(response);
        switch (request.getMethod()) {
            case "GET", "HEAD" -> serve(request, response);
            case "OPTIONS" -> preflight(response);
            default -> {
                response.setHeader("Allow", "GET, HEAD, OPTIONS");
                ErrorResponses.write(response, 405, "method " + request.getMethod() + " is not allowed here; use GET");
            }
        }
    }

    /** On every answer, errors included, so that a player on another origin can read the status and message. */
    private void cors(HttpServletResponse response) {
        response.setHeader("Access-Control-Allow-Origin", allowOrigin);
        response.setHeader("Access-Control-Expose-Headers", "Content-Length");
    }

    /** GET and HEAD; never a stack trace to the player. */
    private void serve(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        try {
            super.service(request, response);
        } catch (RuntimeException e) {
            boolean noDatabase = database.unavailable(e); // a cold channel never read since the start
            if (!noDatabase) {
                LOG.log(Level.SEVERE, "serving " + request.getRequestURI(), e);
            }
            if (!response.isCommitted()) {
                response.reset();
                cors(response);
                if (noDatabase) {
                    DatabaseAnswers.write(response);
                } else {
                    ErrorResponses.write(response, 500, "internal error; the server log has the details");
                }
            }
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] parts = parts(request.getPathInfo());
        if (parts == null) {
            send(ErrorResponses.of(Response.Status.NOT_FOUND, "no such resource: use /hls_gateway/read/{nickname}/{file}"),
                    request, response);
            return;
        }
        String nickname = parts[0];
        if (!ChannelValidator.isNickname(nickname)) {
            send(Playback.unknown(nickname), request, response);
            return;
        }
        Optional<HlsFile> hls = HlsFile.parse(parts[1]);
        if (hls.isEmpty()) {
            send(ErrorResponses.of(Response.Status.BAD_REQUEST,
                    "file must be index.m3u8 or a segment name such as abc123-7.ts (LL-HLS: init7.mp4, seg12.m4s, part40.m4s)"), request, response);
            return;
        }
        String token = request.getParameter("token");
        switch (hls.get().kind()) {
            case PREVIEW -> send(playback.preview(nickname, token, request), request, response);
            case PLAYLIST -> {
                AsyncAnswer.Deferred packaged = lowLatency.playlist(nickname, token, request);
                if (packaged != null) {
                    deferred(packaged, request, response);
                } else { // MPEG-TS from FFmpeg's muxer
                    playlist(nickname, token, request, response);
                }
            }
            case LL_INIT, LL_SEGMENT, LL_PART -> deferred(lowLatencyMedia.media(nickname, hls.get(), token, request),
                    request, response);
            default -> segment(nickname, hls.get(), token, request, response);
        }
    }

    /** An LL-HLS answer: now, or from a future (a blocking reload, the preload-hinted part, a cold start). */
    private void deferred(AsyncAnswer.Deferred answer, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (answer.now() != null) {
            send(answer.now(), request, response);
        } else {
            AsyncAnswer.start(request, answer, playback.responder());
        }
    }

    /** An answer; an error as a page when a browser navigated here, as JSON to players and API clients. */
    private static void send(Response answer, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServletAnswers.send(BrowserPages.forClient(answer, request), response);
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

    /** The channel's playlist: Playback decides; a cold channel's request waits for the first segment. */
    private void playlist(String nickname, String token, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Playback.PlaylistAnswer answer = playback.playlist(nickname, token, request);
        if (answer.window() != null) {
            sendPlaylist(answer.window(), answer.segmentToken(), response);
        } else if (answer.answer() != null) {
            send(answer.answer(), request, response);
        } else {
            // waits, without a thread, until FFmpeg lists its first segment: the playlist, the failure or the time limit
            deferred(AsyncAnswer.Deferred.later(playback.whenReady(answer.cold(), ready -> live.playlist(nickname)
                    .map(text -> playlistAnswer(text, answer.segmentToken()))
                    .orElseGet(() -> ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE, "the playlist is not ready yet"))),
                    playback.waitLimitSeconds() * 1000, playback.waitTimedOut()), request, response);
        }
    }

    /** A segment (or fMP4 init section) the channel's playlist lists; never starts FFmpeg. */
    private void segment(String nickname, HlsFile file, String token, HttpServletRequest request,
                         HttpServletResponse response) throws IOException {
        Playback.SegmentAnswer answer = playback.segment(nickname, file.name(), token, request);
        if (answer.answer() != null) {
            send(answer.answer(), request, response);
        } else if (!SegmentFiles.send(answer.file(), file, request, response, metrics::served)) {
            send(Playback.gone(file.name()), request, response);
        }
    }

    private void sendPlaylist(String text, String token, HttpServletResponse response) throws IOException {
        byte[] body = playlistBody(text, token);
        response.setContentType(HlsFile.Kind.PLAYLIST.contentType());
        response.setHeader("Cache-Control", HlsFile.Kind.PLAYLIST.cacheControl());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The playlist with the player's token on every segment URI, for an answer sent later. */
    private Response playlistAnswer(String text, String token) {
        return Response.ok(playlistBody(text, token), HlsFile.Kind.PLAYLIST.contentType())
                .header("Cache-Control", HlsFile.Kind.PLAYLIST.cacheControl())
                .build();
    }

    /** The playlist with the player's token on every segment URI, counted as served. */
    private byte[] playlistBody(String text, String token) {
        byte[] body = HlsFile.withToken(text, token).getBytes(StandardCharsets.UTF_8);
        metrics.served(body.length);
        return body;
    }

    private static void preflight(HttpServletResponse response) {
        response.setStatus(204);
        response.setHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Range");
        response.setHeader("Access-Control-Max-Age", "86400");
    }
}
