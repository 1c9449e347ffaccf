package org.hlsgateway.playback.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.api.DatabaseAnswers;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.api.ServletAnswers;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.operations.boundary.GatewayMetrics;
import org.hlsgateway.playback.control.HlsFile;
import org.hlsgateway.playback.control.PlayerRequest;
import org.hlsgateway.transcoding.boundary.Transcoders;

/**
 * {@code GET /hls_gateway/read/{nickname}/{file}}: the playlist and segments of a running channel.
 * Each request counts as activity. {@link ReadTarget} decides what a path names; {@link MediaAnswers} what it gets,
 * the same as on the {@link MediaListener}.
 *
 * <p>A plain servlet, not a JAX-RS resource: this is what every player asks for about once per
 * segment duration, and a servlet answers it with about a third of the CPU (no JAX-RS dispatch,
 * no asynchronous request unless a cold channel makes the player wait, no EJB call per request;
 * the transcoders' live output is thread-safe and read directly). What a request may get is
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
    transient MediaAnswers answers;
    private String allowOrigin;

    @Override
    public void init() {
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
        ReadTarget target = ReadTarget.of(request.getPathInfo());
        if (target.error() != null) {
            send(target.error(), request, response);
            return;
        }
        String token = request.getParameter("token");
        PlayerRequest player = PlayerRequest.of(request);
        if (target.segmentFile()) {
            segment(target.nickname(), target.file(), token, player, request, response);
        } else {
            deferred(answers.answer(target.nickname(), target.file(), token, player), request, response);
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

    /** A segment (or fMP4 init section) the channel's playlist lists; never starts FFmpeg. */
    private void segment(String nickname, HlsFile file, String token, PlayerRequest player, HttpServletRequest request,
                         HttpServletResponse response) throws IOException {
        Playback.SegmentAnswer answer = playback.segment(nickname, file.name(), token, player);
        if (answer.answer() != null) {
            send(answer.answer(), request, response);
        } else if (!SegmentFiles.send(answer.file(), file, request, response, metrics::served)) {
            send(Playback.gone(file.name()), request, response);
        }
    }

    private static void preflight(HttpServletResponse response) {
        response.setStatus(204);
        response.setHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Range");
        response.setHeader("Access-Control-Max-Age", "86400");
    }
}
