package org.hlsgateway.playback.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.api.DatabaseAnswers;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.api.ServletAnswers;
import org.hlsgateway.api.StartFailures;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.operations.boundary.GatewayMetrics;
import org.hlsgateway.playback.control.Clients;
import org.hlsgateway.playback.control.HlsFile;
import org.hlsgateway.playback.control.PlaylistRewriter;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.LiveSession;
import org.hlsgateway.transcoding.control.StartFailedException;
import org.hlsgateway.transcoding.control.TranscoderHandle;
import org.hlsgateway.transcoding.control.TranscoderRegistry;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * {@code GET /hls_gateway/read/{nickname}/{file}}: the playlist and segments of a running channel.
 * Each request counts as activity. Only names that {@link HlsFile} accepts reach the file system,
 * and only inside the channel's own directory.
 *
 * <p>A plain servlet, not a JAX-RS resource: this is what every player asks for about once per
 * segment duration, and a servlet answers it with about a third of the CPU (no JAX-RS dispatch,
 * no asynchronous request unless a cold channel makes the player wait, no EJB call per request;
 * the transcoder registry is thread-safe and read directly).
 */
@WebServlet(urlPatterns = "/read/*", asyncSupported = true)
public class ReadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ReadServlet.class.getName());
    /** Below a megabyte, so that the JVM allocates it like any small object (not as a humongous region). */
    static final int CHUNK = 512 * 1024;

    @Inject
    transient Playback playback;

    @Inject
    transient Transcoders transcoders;

    @Inject
    transient GatewayMetrics metrics;

    @Inject
    transient DatabaseStatus database;

    private transient TranscoderRegistry registry;
    private String allowOrigin;

    @Override
    public void init() {
        registry = transcoders.registry();
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
                    "file must be index.m3u8 or a segment name such as abc123-7.ts"), request, response);
            return;
        }
        String token = request.getParameter("token");
        switch (hls.get().kind()) {
            case PREVIEW -> send(preview(nickname, token, request), request, response);
            case PLAYLIST -> playlist(nickname, token, request, response);
            default -> segment(nickname, hls.get(), token, request, response);
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

    /**
     * The channel's playlist; a bookmarked playlist URL starts a cold channel too. While a failed
     * source is restarted, players polling here keep getting the window they had, so they resume
     * by themselves once new segments arrive.
     */
    private void playlist(String nickname, String token, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<TranscodeSpec> spec = playback.spec(nickname);
        if (spec.isEmpty()) {
            send(Playback.unknown(nickname), request, response);
            return;
        }
        Response refused = playback.refusal(spec.get(), token, request);
        if (refused != null) {
            send(refused, request, response);
            return;
        }
        registry.touch(nickname, Clients.key(request.getRemoteAddr(), request.getHeader("User-Agent")));
        String segmentToken = spec.get().publicAccess() ? null : token;
        TranscoderHandle handle;
        try {
            handle = registry.running(nickname).filter(h -> h.isReady() && !h.isStopping())
                    .orElseGet(() -> playback.start(spec.get()));
        } catch (StartFailedException e) {
            Optional<String> window = registry.playlist(nickname);
            if (e.kind() == StartFailedException.Kind.RETRYING && window.isPresent()) {
                sendPlaylist(window.get(), segmentToken, response);
            } else {
                send(StartFailures.response(e), request, response);
            }
            return;
        }
        Optional<String> window = registry.playlist(nickname);
        if (window.isPresent()) {
            sendPlaylist(window.get(), segmentToken, response);
        } else {
            waitForPlaylist(nickname, handle, segmentToken, request);
        }
    }

    /** A cold channel: the request waits, without a thread, until FFmpeg lists its first segment. */
    private void waitForPlaylist(String nickname, TranscoderHandle handle, String segmentToken, HttpServletRequest request) {
        AsyncContext async = request.startAsync();
        async.setTimeout(TimeUnit.SECONDS.toMillis(playback.waitLimitSeconds()));
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                answer(async, answered, playback.waitTimedOut());
            }

            @Override
            public void onComplete(AsyncEvent event) {
                answered.set(true);
            }

            @Override
            public void onError(AsyncEvent event) {
                answered.set(true);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // nothing to do
            }
        });
        playback.answerWhenReady(handle, answer -> answer(async, answered, answer), ready -> registry.playlist(nickname)
                .map(text -> playlistAnswer(text, segmentToken))
                .orElseGet(() -> ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE, "the playlist is not ready yet")));
    }

    private static void answer(AsyncContext async, AtomicBoolean answered, Response answer) {
        if (!answered.compareAndSet(false, true)) {
            return; // timed out or the player went away meanwhile
        }
        try {
            ServletAnswers.send(BrowserPages.forClient(answer, (HttpServletRequest) async.getRequest()),
                    (HttpServletResponse) async.getResponse());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "a waiting player went away", e);
        } finally {
            async.complete();
        }
    }

    /** A segment (or fMP4 init section) the channel's playlist lists; never starts FFmpeg. */
    private void segment(String nickname, HlsFile file, String token, HttpServletRequest request,
                         HttpServletResponse response) throws IOException {
        Optional<LiveSession> session = registry.session(nickname);
        if (session.isEmpty()) {
            send(ErrorResponses.of(Response.Status.NOT_FOUND, "channel '" + nickname
                    + "' is not running; open /hls_gateway/watch/" + nickname + " to start it"), request, response);
            return;
        }
        Response refused = playback.refusal(session.get().spec(), token, request);
        if (refused != null) {
            send(refused, request, response);
            return;
        }
        registry.touch(nickname, Clients.key(request.getRemoteAddr(), request.getHeader("User-Agent")));
        Optional<Path> path = session.get().file(file.name());
        if (path.isEmpty()) {
            send(ErrorResponses.of(Response.Status.NOT_FOUND,
                    file.name() + " is no longer available (segments expire after a few seconds)"), request, response);
            return;
        }
        serveFile(path.get(), file, request, response);
    }

    /** A still of the running channel for the console; never starts FFmpeg and never counts as viewing. */
    private Response preview(String nickname, String token, HttpServletRequest request) {
        Optional<TranscoderHandle> handle = registry.running(nickname);
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
        byte[] body = PlaylistRewriter.withToken(text, token).getBytes(StandardCharsets.UTF_8);
        metrics.served(body.length);
        return body;
    }

    private static void preflight(HttpServletResponse response) {
        response.setStatus(204);
        response.setHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Range");
        response.setHeader("Access-Control-Max-Age", "86400");
    }

    /**
     * The file in chunks of up to {@link #CHUNK} bytes: a segment of a typical camera is one read
     * and one write into the container's stream, which sends an array that large straight to the
     * socket; 8 KB steps (what {@code transferTo} into a stream does) cost a system call each.
     */
    private void serveFile(Path path, HlsFile file, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = in.size();
            response.setContentType(file.kind().contentType());
            response.setHeader("Cache-Control", file.kind().cacheControl());
            response.setContentLengthLong(size);
            if ("HEAD".equals(request.getMethod())) {
                return;
            }
            metrics.served(size);
            copy(in, size, response.getOutputStream());
        } catch (NoSuchFileException e) {
            send(ErrorResponses.of(Response.Status.NOT_FOUND,
                    file.name() + " is no longer available (segments expire after a few seconds)"), request, response);
        }
    }

    static void copy(FileChannel in, long size, OutputStream out) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(Math.max(size, 1), CHUNK));
        long left = size;
        while (left > 0) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), left));
            while (chunk.hasRemaining() && in.read(chunk) >= 0) {
                // fill the chunk; a file that shrank ends the loop below
            }
            if (chunk.position() == 0) {
                break;
            }
            out.write(chunk.array(), 0, chunk.position());
            left -= chunk.position();
        }
    }
}
