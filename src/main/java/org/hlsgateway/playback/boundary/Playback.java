package org.hlsgateway.playback.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hlsgateway.playback.control.PlayerRequest;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.api.StartFailures;
import org.hlsgateway.channels.boundary.ChannelService;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.playback.control.HlsFile;
import org.hlsgateway.playback.control.LastKnownChannels;
import org.hlsgateway.security.control.PlaybackToken;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.StartFailedException;
import org.hlsgateway.transcoding.control.TranscoderHandle;
import org.hlsgateway.transcoding.control.LiveOutput;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.hlsgateway.security.boundary.PlaybackAccess;

/**
 * Gets a channel's transcoder to its first segment and answers a suspended request then.
 * No thread waits: the answer is sent from the moment FFmpeg's playlist lands.
 */
@ApplicationScoped
public class Playback {

    private static final Logger LOG = Logger.getLogger(Playback.class.getName());

    @Inject
    ChannelService channels;

    @Inject
    Transcoders transcoders;

    @Inject
    PlaybackAccess access;

    @Inject
    DatabaseStatus database;

    @Resource
    ManagedThreadFactory threads;

    /**
     * Answers waiting players: a few threads of our own with an unbounded queue, so a herd of
     * hundreds of waiters is answered in full (the server's default executor may refuse or lose
     * work beyond its capacity), and never on the thread that settled the handle.
     */
    private ExecutorService responder;
    private LiveOutput live;
    private final LastKnownChannels lastKnown = new LastKnownChannels();

    @PostConstruct
    void start() {
        live = transcoders.live();
        responder = Executors.newFixedThreadPool(4, task -> {
            Thread t = threads.newThread(task);
            t.setName("hls-responder");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        responder.shutdown();
    }

    /** The threads that answer waiting players (never the thread that settled what they waited for). */
    public java.util.concurrent.Executor responder() {
        return responder;
    }

    /**
     * What to play for {@code nickname}: the running transcoder's spec, or the stored channel's; empty when
     * unknown. While the database is unavailable, the settings last read for it (a channel watched since the
     * start); a channel never read since the start throws {@code DatabaseUnavailableException} (503).
     */
    public Optional<TranscodeSpec> spec(String nickname) {
        Optional<TranscodeSpec> running = live.runningSpec(nickname);
        if (running.isPresent()) {
            return running;
        }
        if (!ChannelValidator.isNickname(nickname)) {
            return Optional.empty();
        }
        Optional<TranscodeSpec> stored;
        try {
            stored = channels.find(nickname).map(Channel::transcodeSpec);
        } catch (RuntimeException e) {
            Optional<TranscodeSpec> last = lastKnown.last(nickname);
            if (database.unavailable(e) && last.isPresent()) {
                return last;
            }
            throw e;
        }
        lastKnown.read(nickname, stored);
        database.reachable();
        return stored;
    }

    /**
     * What a playlist request gets: the channel's window now ({@code window}), an answer now ({@code answer}),
     * or a wait for a cold channel's first segment ({@code cold}); segment URIs carry {@code segmentToken}.
     */
    public record PlaylistAnswer(String window, Response answer, TranscoderHandle cold, String segmentToken) {
    }

    /**
     * A player asks for the playlist; a bookmarked playlist URL starts a cold channel too. While a failed
     * source is restarted, players polling here keep getting the window they had, so they resume
     * by themselves once new segments arrive.
     */
    public PlaylistAnswer playlist(String nickname, String token, PlayerRequest request) {
        Optional<TranscodeSpec> spec = spec(nickname);
        if (spec.isEmpty()) {
            return new PlaylistAnswer(null, unknown(nickname), null, null);
        }
        Response refused = refusal(spec.get(), token, request);
        if (refused != null) {
            return new PlaylistAnswer(null, refused, null, null);
        }
        live.touch(nickname, request.client());
        String segmentToken = spec.get().publicAccess() ? null : token;
        TranscoderHandle handle;
        try {
            handle = live.readyRun(nickname).orElseGet(() -> start(spec.get()));
        } catch (StartFailedException e) {
            Optional<String> window = live.playlist(nickname);
            return e.kind() == StartFailedException.Kind.RETRYING && window.isPresent()
                    ? new PlaylistAnswer(window.get(), null, null, segmentToken)
                    : new PlaylistAnswer(null, StartFailures.response(e), null, segmentToken);
        }
        return live.playlist(nickname).map(window -> new PlaylistAnswer(window, null, null, segmentToken))
                .orElseGet(() -> new PlaylistAnswer(null, null, handle, segmentToken));
    }

    /** The file of a segment (or fMP4 init section) the channel's playlist lists, or the answer why not; never starts FFmpeg. */
    public record SegmentAnswer(Path file, Response answer) {
    }

    public SegmentAnswer segment(String nickname, String name, String token, PlayerRequest request) {
        Optional<TranscodeSpec> spec = live.watchedSpec(nickname);
        if (spec.isEmpty()) {
            return new SegmentAnswer(null, ErrorResponses.of(Response.Status.NOT_FOUND, "channel '" + nickname
                    + "' is not running; open /hls_gateway/watch/" + nickname + " to start it"));
        }
        Response refused = refusal(spec.get(), token, request);
        if (refused != null) {
            return new SegmentAnswer(null, refused);
        }
        live.touch(nickname, request.client());
        return live.segment(nickname, name).map(file -> new SegmentAnswer(file, null))
                .orElseGet(() -> new SegmentAnswer(null, gone(name)));
    }

    public static Response gone(String name) {
        return ErrorResponses.of(Response.Status.NOT_FOUND,
                name + " is no longer available (segments expire after a few seconds)");
    }

    /** A still of the running channel for the console; never starts FFmpeg and never counts as viewing. */
    public Response preview(String nickname, String token, PlayerRequest request) {
        Optional<TranscodeSpec> spec = live.runningSpec(nickname);
        if (spec.isEmpty()) {
            return ErrorResponses.of(Response.Status.NOT_FOUND, "channel '" + nickname + "' is not running: no preview");
        }
        Response refused = refusal(spec.get(), token, request);
        if (refused != null) {
            return refused;
        }
        return transcoders.preview(nickname)
                .map(jpeg -> Response.ok(jpeg, HlsFile.Kind.PREVIEW.contentType())
                        .header("Cache-Control", HlsFile.Kind.PREVIEW.cacheControl()).build())
                .orElseGet(() -> ErrorResponses.of(Response.Status.NOT_FOUND, "no segment to take a preview from yet"));
    }

    /** Null when the request may watch; otherwise the 403 answer that says why not. */
    public Response refusal(TranscodeSpec spec, String token, PlayerRequest request) {
        PlaybackToken.Check check = request.servlet() != null
                ? access.check(spec.nickname(), spec.publicAccess(), token, request.servlet())
                : access.checkToken(spec.nickname(), spec.publicAccess(), token, request.remoteAddress());
        if (check.valid()) {
            return null;
        }
        boolean mediaPort = request.servlet() == null && check.verdict() == PlaybackToken.Verdict.MISSING;
        return ErrorResponses.of(Response.Status.FORBIDDEN, mediaPort ? "this channel is protected: the media port "
                + "takes a signed playback URL (token) only; logins count on the main port" : check.detail());
    }

    public TranscoderHandle start(TranscodeSpec spec) {
        return transcoders.ensureStarted(spec);
    }

    /** As {@link #start}, but at once even while a failed start waits out its back-off delay (an admin's watch). */
    public TranscoderHandle startNow(TranscodeSpec spec) {
        return transcoders.startNow(spec);
    }

    /** Resumes {@code response} with {@code onReady} once the handle lists a segment, or with the error. */
    public void answerWhenReady(TranscoderHandle handle, AsyncResponse response,
                                Function<TranscoderHandle, Response> onReady) {
        if (handle.ready().isDone()) { // settled (a dead source fails in ms): answered here, never racing the return
            Response now;
            try {
                now = onReady.apply(handle.ready().join());
            } catch (CompletionException e) {
                now = StartFailures.response(e);
            }
            response.resume(now);
            return;
        }
        response.setTimeout(waitLimitSeconds(), TimeUnit.SECONDS);
        response.setTimeoutHandler(r -> r.resume(waitTimedOut()));
        whenReady(handle, onReady).thenAccept(response::resume);
    }

    /** The answer to a player that waited {@link #waitLimitSeconds()} without a segment. */
    public Response waitTimedOut() {
        return ErrorResponses.of(Response.Status.GATEWAY_TIMEOUT,
                "no segment within " + transcoders.config().startTimeoutSeconds() + " s");
    }

    /** How long a waiting player is kept at most: the start timeout and a margin for FFmpeg's own verdict. */
    public long waitLimitSeconds() {
        return transcoders.config().startTimeoutSeconds() + 5L;
    }

    /**
     * {@code onReady}'s answer once {@code handle} is ready, or the failure's; computed on the responder, never on the
     * thread that settled the handle (file watcher, idle reaper, FFmpeg's reader): writing a response there once
     * deadlocked Grizzly's HTTP/2 layer.
     */
    public CompletableFuture<Response> whenReady(TranscoderHandle handle, Function<TranscoderHandle, Response> onReady) {
        return handle.ready().handleAsync((ready, error) -> {
            try {
                return error == null ? onReady.apply(ready) : StartFailures.response(error);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not answer a waiting player of " + handle.nickname(), e);
                return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR,
                        "internal error; the server log has the details");
            }
        }, responder);
    }

    public static Response unknown(String nickname) {
        return ErrorResponses.of(Response.Status.NOT_FOUND, ChannelValidator.isNickname(nickname)
                ? "no channel named '" + nickname + "'"
                : "no such channel: " + ChannelValidator.NICKNAME_RULE);
    }
}
