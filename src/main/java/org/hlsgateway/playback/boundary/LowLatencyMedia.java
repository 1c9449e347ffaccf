package org.hlsgateway.playback.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hlsgateway.playback.control.PlayerRequest;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.operations.boundary.GatewayMetrics;
import org.hlsgateway.packaging.control.MediaWindow;
import org.hlsgateway.packaging.control.TooFarAheadException;
import org.hlsgateway.packaging.entity.Segment;
import org.hlsgateway.playback.boundary.AsyncAnswer.Deferred;
import org.hlsgateway.playback.control.HlsFile;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.ChannelPackager;
import org.hlsgateway.transcoding.control.LiveOutput;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * The media of a channel packaged by the gateway ({@code HLS_LL}), from memory, one call per request: init sections,
 * whole segments and parts; the preload-hinted part and the open segment are answered once they exist (a future of
 * the channel's window, no waiting thread). Access is decided as for plain HLS ({@link Playback#refusal}).
 */
@ApplicationScoped
public class LowLatencyMedia {

    @Inject
    Playback playback;

    @Inject
    Transcoders transcoders;

    @Inject
    GatewayMetrics metrics;

    private LiveOutput live;

    @PostConstruct
    void start() {
        live = transcoders.live();
    }

    /** {@code init<d>.mp4}, {@code seg<msn>.m4s}, {@code part<n>.m4s} of a watched channel; never starts FFmpeg. */
    public Deferred media(String nickname, HlsFile file, String token, PlayerRequest request) {
        Optional<TranscodeSpec> spec = live.watchedSpec(nickname);
        if (spec.isEmpty()) {
            return Deferred.of(ErrorResponses.of(Response.Status.NOT_FOUND, "channel '" + nickname
                    + "' is not running; open /hls_gateway/watch/" + nickname + " to start it"));
        }
        Response refused = playback.refusal(spec.get(), token, request);
        if (refused != null) {
            return Deferred.of(refused);
        }
        live.touch(nickname, request.client());
        Optional<ChannelPackager> packager = live.packager(nickname);
        if (packager.isEmpty()) {
            return Deferred.of(Playback.gone(file.name()));
        }
        MediaWindow window = packager.get().window();
        long n = file.number();
        return switch (file.kind()) {
            case LL_INIT -> Deferred.of(window.init(n).map(i -> body(file, i.bytes()))
                    .orElseGet(() -> Playback.gone(file.name())));
            case LL_PART -> part(packager.get(), file, n);
            default -> segment(packager.get(), file, n);
        };
    }

    private Deferred part(ChannelPackager packager, HlsFile file, long n) {
        MediaWindow window = packager.window();
        Supplier<Response> now = () -> window.part(n).map(p -> body(file, p.bytes()))
                .orElseGet(() -> Playback.gone(file.name()));
        if (window.part(n).isPresent() || n < window.snapshot().nextPartNumber()) {
            return Deferred.of(now.get());
        }
        try { // the preload hint names the next part: answered once it exists
            return wait(packager, window.whenPartNumber(n), now, file.name());
        } catch (TooFarAheadException e) {
            return Deferred.of(ErrorResponses.of(Response.Status.NOT_FOUND, file.name() + " does not exist yet: "
                    + e.getMessage()));
        }
    }

    private Deferred segment(ChannelPackager packager, HlsFile file, long msn) {
        MediaWindow window = packager.window();
        Supplier<Response> now = () -> window.segmentBytes(msn).map(bytes -> body(file, bytes))
                .orElseGet(() -> Playback.gone(file.name()));
        Segment open = window.snapshot().open();
        if (open == null || open.msn() != msn) {
            return Deferred.of(now.get());
        }
        return wait(packager, window.whenSegment(msn), now, file.name()); // the open one: once it is complete
    }

    private Deferred wait(ChannelPackager packager, CompletableFuture<Void> due, Supplier<Response> then, String name) {
        timed(due);
        long seconds = LowLatencyPlayback.HOLD_TARGETS * packager.targetSeconds();
        return Deferred.later(then(due, then),
                seconds * 1000, () -> ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE,
                        name + " did not come within " + seconds + " s; the source may have stalled"));
    }

    /**
     * {@code answer} once {@code due} completes; 503 when the channel stopped meanwhile. Built on the responder when it
     * waited: the packager's thread that completed the wait only hands the players over.
     */
    CompletableFuture<Response> then(CompletableFuture<Void> due, Supplier<Response> answer) {
        java.util.function.BiFunction<Void, Throwable, Response> built = (v, error) -> error == null ? answer.get()
                : stopped().join();
        return due.isDone() ? due.handle(built) : due.handleAsync(built, playback.responder());
    }

    /** The wait of a blocking request goes into {@code hls_blocking_wait_seconds} once it is over. */
    void timed(CompletableFuture<Void> due) {
        if (!due.isDone()) {
            long start = System.nanoTime();
            due.whenComplete((v, error) -> metrics.blockingWaited((System.nanoTime() - start) / 1_000_000));
        }
    }

    private Response body(HlsFile file, byte[] bytes) {
        metrics.served(bytes.length);
        if (file.kind() == HlsFile.Kind.LL_PART) {
            metrics.partServed();
        }
        return Response.ok(bytes, file.kind().mediaType()).header("Cache-Control", file.kind().cacheControl()).build();
    }

    static CompletableFuture<Response> stopped() {
        return CompletableFuture.completedFuture(ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE,
                "the channel stopped; open the playlist again to start it"));
    }
}
