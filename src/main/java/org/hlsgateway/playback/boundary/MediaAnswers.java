package org.hlsgateway.playback.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.operations.boundary.GatewayMetrics;
import org.hlsgateway.playback.boundary.AsyncAnswer.Deferred;
import org.hlsgateway.playback.control.HlsFile;
import org.hlsgateway.playback.control.PlayerRequest;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.LiveOutput;

/**
 * The answer to a read request, whichever listener took it (the container's {@link ReadServlet} or the
 * {@link MediaListener}), one call per request: now, or a future that the listener waits on without a thread.
 * Segment files of MPEG-TS channels are the one thing not answered here: each listener sends a file its own way.
 */
@ApplicationScoped
public class MediaAnswers {

    @Inject
    Playback playback;

    @Inject
    LowLatencyPlayback lowLatency;

    @Inject
    LowLatencyMedia lowLatencyMedia;

    @Inject
    Transcoders transcoders;

    @Inject
    GatewayMetrics metrics;

    private LiveOutput live;

    @PostConstruct
    void start() {
        live = transcoders.live();
    }

    /** The playlist, the preview or an LL-HLS init section, part or segment of {@code file}. */
    public Deferred answer(String nickname, HlsFile file, String token, PlayerRequest request) {
        return switch (file.kind()) {
            case PREVIEW -> Deferred.of(playback.preview(nickname, token, request));
            case PLAYLIST -> playlist(nickname, token, request);
            case LL_INIT, LL_SEGMENT, LL_PART -> lowLatencyMedia.media(nickname, file, token, request);
            default -> throw new IllegalArgumentException(file.name() + " is a segment file: see Playback.segment");
        };
    }

    /** True when answering {@code file} may block (a database read, a start): not on a listener's event loop. */
    public boolean mayBlock(String nickname, HlsFile file) {
        return file.kind() == HlsFile.Kind.PREVIEW
                || file.kind() == HlsFile.Kind.PLAYLIST && live.readyRun(nickname).isEmpty();
    }

    private Deferred playlist(String nickname, String token, PlayerRequest request) {
        Deferred packaged = lowLatency.playlist(nickname, token, request);
        return packaged != null ? packaged : mpegTsPlaylist(nickname, token, request);
    }

    /** FFmpeg's playlist; a cold channel's request waits for the first segment. */
    private Deferred mpegTsPlaylist(String nickname, String token, PlayerRequest request) {
        Playback.PlaylistAnswer answer = playback.playlist(nickname, token, request);
        if (answer.window() != null) {
            return Deferred.of(playlistAnswer(answer.window(), answer.segmentToken()));
        }
        if (answer.answer() != null) {
            return Deferred.of(answer.answer());
        }
        // waits, without a thread, until FFmpeg lists its first segment: the playlist, the failure or the time limit
        return Deferred.later(playback.whenReady(answer.cold(), ready -> live.playlist(nickname)
                        .map(text -> playlistAnswer(text, answer.segmentToken()))
                        .orElseGet(() -> ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE, "the playlist is not ready yet"))),
                playback.waitLimitSeconds() * 1000, playback::waitTimedOut);
    }

    /** The playlist with the player's token on every segment URI, counted as served. */
    private Response playlistAnswer(String text, String token) {
        byte[] body = HlsFile.withToken(text, token).getBytes(StandardCharsets.UTF_8);
        metrics.served(body.length);
        return Response.ok(body, HlsFile.Kind.PLAYLIST.contentType())
                .header("Cache-Control", HlsFile.Kind.PLAYLIST.cacheControl())
                .build();
    }
}
