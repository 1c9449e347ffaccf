package org.hlsgateway.playback.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hlsgateway.playback.control.PlayerRequest;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import jakarta.ws.rs.container.AsyncResponse;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.api.StartFailures;
import org.hlsgateway.operations.boundary.GatewayMetrics;
import org.hlsgateway.packaging.control.MediaWindow;
import org.hlsgateway.packaging.control.TooFarAheadException;
import org.hlsgateway.playback.boundary.AsyncAnswer.Deferred;
import org.hlsgateway.playback.control.BlockingRequest;
import org.hlsgateway.playback.control.HlsFile;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.ChannelPackager;
import org.hlsgateway.transcoding.control.LiveOutput;
import org.hlsgateway.transcoding.control.StartFailedException;
import org.hlsgateway.transcoding.control.TranscoderHandle;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * What a player gets from a channel packaged by the gateway ({@code HLS_LL}), one call per request: the LL-HLS
 * playlist (at once, after a blocking reload's wait, or once a cold channel has its first independent part); the
 * init sections, parts and segments come from {@link LowLatencyMedia}. Access is decided exactly
 * as for plain HLS ({@link Playback#refusal}); every URI of a protected channel's playlist carries the token. No
 * thread waits: answers that wait are futures of the channel's window.
 */
@ApplicationScoped
public class LowLatencyPlayback {

    private static final Logger LOG = Logger.getLogger(LowLatencyPlayback.class.getName());

    /** RFC 8216bis 6.2.5.2: a blocking request is held for at most three target durations, then answered 503. */
    static final int HOLD_TARGETS = 3;

    @Inject
    Playback playback;

    @Inject
    Transcoders transcoders;

    @Inject
    GatewayMetrics metrics;

    @Inject
    LowLatencyMedia media;

    private LiveOutput live;
    /** {@code HLS_LL}, read once: asking the transcoders' EJB costs a container call per request. */
    private boolean lowLatencyDefault;

    @PostConstruct
    void start() {
        live = transcoders.live();
        lowLatencyDefault = transcoders.config().lowLatency();
    }

    /** True when {@code spec}'s channel is packaged by the gateway and served as LL-HLS (its setting, or HLS_LL). */
    public boolean enabled(TranscodeSpec spec) {
        return spec.packaged(lowLatencyDefault);
    }

    /**
     * {@code index.m3u8}: starts a cold channel as plain HLS does; {@code _HLS_msn}/{@code _HLS_part} wait.
     * Null for a channel that FFmpeg packages as MPEG-TS: the plain playlist answers it.
     */
    public Deferred playlist(String nickname, String token, PlayerRequest request) {
        Optional<TranscodeSpec> spec = playback.spec(nickname);
        if (spec.isEmpty()) {
            return Deferred.of(Playback.unknown(nickname));
        }
        if (!enabled(spec.get())) {
            return null;
        }
        Response refused = playback.refusal(spec.get(), token, request);
        if (refused != null) {
            return Deferred.of(refused);
        }
        BlockingRequest asked;
        try {
            asked = BlockingRequest.parse(request.parameter("_HLS_msn"), request.parameter("_HLS_part"),
                    request.parameter("_HLS_skip"));
        } catch (IllegalArgumentException e) {
            return Deferred.of(ErrorResponses.of(Response.Status.BAD_REQUEST, e.getMessage()));
        }
        live.touch(nickname, request.client());
        String query = spec.get().publicAccess() || token == null ? null
                : "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        TranscoderHandle handle;
        try {
            handle = live.readyRun(nickname).orElseGet(() -> playback.start(spec.get()));
        } catch (StartFailedException e) {
            Optional<ChannelPackager> window = playable(nickname);
            // a failed source waits to be restarted: players keep the window they had, and resume by themselves
            return e.kind() == StartFailedException.Kind.RETRYING && window.isPresent()
                    ? hold(window.get(), asked, query) : Deferred.of(StartFailures.response(e));
        }
        Optional<ChannelPackager> window = playable(nickname);
        if (window.isPresent()) {
            return hold(window.get(), asked, query);
        }
        // cold: answered once the first independent part exists, not after a whole segment
        CompletableFuture<Response> cold = handle.ready().handleAsync((ready, error) -> error, playback.responder())
                .thenCompose(error -> error != null ? CompletableFuture.completedFuture(StartFailures.response(error))
                        : playable(nickname).map(p -> when(p, asked, query)).orElseGet(LowLatencyMedia::stopped));
        return Deferred.later(cold, playback.waitLimitSeconds() * 1000, playback::waitTimedOut);
    }

    /**
     * {@code /watch}: resumes {@code response} with {@code onReady} once the channel's playlist lists a whole segment.
     * It is the URL that VLC, ffprobe and IPTV apps are given, players that ignore parts and need an {@code #EXTINF}
     * segment to start; LL players (the player page) ask for the playlist itself and get it at the first part.
     */
    public void answerWhenWholeSegment(TranscoderHandle handle, AsyncResponse response,
                                       Function<TranscoderHandle, Response> onReady) {
        CompletableFuture<TranscoderHandle> due = wholeSegment(handle.nickname(), handle);
        if (due.isDone()) { // settled already (a dead source fails in ms): answered on the request thread
            response.resume(answer(due, onReady));
            return;
        }
        response.setTimeout(playback.waitLimitSeconds(), TimeUnit.SECONDS);
        response.setTimeoutHandler(r -> r.resume(playback.waitTimedOut()));
        due.whenCompleteAsync((ready, error) -> response.resume(answer(due, onReady)), playback.responder());
    }

    private static Response answer(CompletableFuture<TranscoderHandle> settled,
                                   Function<TranscoderHandle, Response> onReady) {
        try {
            return onReady.apply(settled.join());
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return StartFailures.response(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not answer a waiting player", e);
            return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR, "internal error; the server log has the details");
        }
    }

    /** Completes with the run once the channel's playlist lists a whole segment (at once without a packager). */
    CompletableFuture<TranscoderHandle> wholeSegment(String nickname, TranscoderHandle handle) {
        return handle.ready().thenCompose(ready -> playable(nickname).map(packager -> {
            org.hlsgateway.packaging.entity.WindowSnapshot now = packager.window().snapshot();
            if (!now.segments().isEmpty() || now.open() == null) {
                return CompletableFuture.completedFuture(ready);
            }
            return packager.window().whenSegment(now.open().msn()).thenApply(v -> ready);
        }).orElseGet(() -> CompletableFuture.completedFuture(ready)));
    }

    /** The playlist now, or held until the asked segment or part is in it (at most three target durations). */
    private Deferred hold(ChannelPackager packager, BlockingRequest asked, String query) {
        long seconds = HOLD_TARGETS * packager.targetSeconds();
        return Deferred.later(when(packager, asked, query), seconds * 1000,
                () -> ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE, "segment " + asked.msn()
                        + (asked.part() == null ? "" : " part " + asked.part()) + " is not in the playlist after "
                        + seconds + " s (" + HOLD_TARGETS + " target durations); ask again"));
    }

    private CompletableFuture<Response> when(ChannelPackager packager, BlockingRequest asked, String query) {
        if (!asked.blocks()) {
            return CompletableFuture.completedFuture(playlist(packager, query, asked.skip()));
        }
        CompletableFuture<Void> due;
        try {
            MediaWindow window = packager.window();
            due = asked.part() == null ? window.whenSegment(asked.msn()) : window.whenPart(asked.msn(), asked.part());
        } catch (TooFarAheadException e) {
            return CompletableFuture.completedFuture(ErrorResponses.of(Response.Status.BAD_REQUEST, e.getMessage()));
        }
        media.timed(due);
        return media.then(due, () -> playlist(packager, query, asked.skip()));
    }

    private Optional<ChannelPackager> playable(String nickname) {
        return live.packager(nickname).filter(ChannelPackager::hasPart);
    }

    private Response playlist(ChannelPackager packager, String query, boolean skip) {
        byte[] body = packager.playlistBytes(query, skip);
        metrics.served(body.length);
        return Response.ok(body, HlsFile.Kind.PLAYLIST.mediaType())
                .header("Cache-Control", HlsFile.Kind.PLAYLIST.cacheControl()).build();
    }
}
