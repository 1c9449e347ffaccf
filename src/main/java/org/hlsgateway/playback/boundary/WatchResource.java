package org.hlsgateway.playback.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.hlsgateway.channels.boundary.ChannelService;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.playback.control.Clients;
import org.hlsgateway.playback.control.HlsFile;
import org.hlsgateway.playback.control.PlayerPage;
import org.hlsgateway.playback.control.PlayerRequest;
import org.hlsgateway.security.entity.Role;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.StartFailedException;
import org.hlsgateway.transcoding.control.TranscoderHandle;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * {@code GET /hls_gateway/watch/{nickname}}: starts the channel if it is cold, waits for its
 * first segment and redirects to the playlist. A browser navigating here gets a player page, and the channel starts.
 */
@Path("{nickname}")
@ApplicationScoped // one instance: nothing is created or injected per request
public class WatchResource {

    static final String HLS_JS_VERSION = "1.4.12";

    @Inject
    Playback playback;

    @Inject
    ChannelService channels;

    @Inject
    Transcoders transcoders;

    @Inject
    DatabaseStatus database;

    @Inject
    LowLatencyPlayback lowLatency;

    @GET
    public void watch(@PathParam("nickname") String nickname,
                      @HeaderParam(HttpHeaders.ACCEPT) String accept,
                      @QueryParam("format") String format,
                      @QueryParam("token") String token,
                      @Context HttpServletRequest request,
                      @Context UriInfo uri,
                      @Suspended AsyncResponse response) {
        if (!ChannelValidator.isNickname(nickname)) {
            response.resume(Playback.unknown(nickname));
            return;
        }
        Optional<TranscodeSpec> spec = playback.spec(nickname);
        if (spec.isEmpty()) {
            Response unknown = Playback.unknown(nickname);
            response.resume(Clients.prefersHtml(accept) && !"hls".equals(format) ? page(unknown, "No such channel", request) : unknown);
            return;
        }
        Response refused = playback.refusal(spec.get(), token, PlayerRequest.of(request));
        if (Clients.prefersHtml(accept) && !"hls".equals(format)) {
            if (refused == null) {
                warmUp(spec.get(), request);
            }
            response.resume(refused != null ? refusedPage(refused, request) : playerPage(spec.get(), token, request));
            return;
        }
        if (refused != null) {
            response.resume(refused);
            return;
        }
        // an admin's watch tries the source at once; everyone else waits out a failed start's back-off delay
        TranscoderHandle handle = request.isUserInRole(Role.ADMIN_NAME) ? playback.startNow(spec.get()) : playback.start(spec.get());
        transcoders.touch(nickname, Clients.key(request.getRemoteAddr(), request.getHeader("User-Agent")));
        URI playlist = mediaPortFor(spec.get(), format, token, playlistUri(uri, nickname, token)); // UriInfo: request thread only
        Function<TranscoderHandle, Response> redirect = ready -> Response.status(Response.Status.FOUND)
                .location(playlist)
                .header("Cache-Control", "no-store")
                .build();
        if (lowLatency.enabled(spec.get())) { // players given this URL may ignore parts: the redirect waits for a whole segment
            lowLatency.answerWhenWholeSegment(handle, response, redirect);
        } else {
            playback.answerWhenReady(handle, response, redirect);
        }
    }

    /**
     * The page's player asks for the playlist a few hundred ms after the page (hls.js loads and starts first): the
     * channel starts now, so FFmpeg connects to the source meanwhile. A start that fails is left to the player's own
     * request, which answers why.
     */
    private void warmUp(TranscodeSpec spec, HttpServletRequest request) {
        try {
            playback.start(spec);
            transcoders.touch(spec.nickname(), Clients.key(request.getRemoteAddr(), request.getHeader("User-Agent")));
        } catch (StartFailedException e) {
            // waiting out a back-off delay, over HLS_MAX_TRANSCODERS, no FFmpeg: the player is told when it asks
        }
    }

    private Response playerPage(TranscodeSpec spec, String token, HttpServletRequest request) {
        String nickname = spec.nickname();
        String title;
        try {
            Optional<Channel> channel = channels.find(nickname);
            if (channel.isEmpty()) {
                return Playback.unknown(nickname);
            }
            title = channel.get().getName();
        } catch (RuntimeException e) {
            if (!database.unavailable(e)) {
                throw e;
            }
            title = nickname; // the channel is known (its spec was found): its page plays without the database
        }
        String context = request.getContextPath();
        String source = context + "/watch/" + nickname + "?format=hls"
                + (token == null ? "" : "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        boolean ll = lowLatency.enabled(spec);
        // hls.js (1.4) takes no playlist without a whole segment: one of parts only is a levelEmptyError, retried
        // 1 s and then 2 s later. So its first playlist comes through the watch URL too, once a segment is whole,
        // and in low-latency mode it then plays from parts and blocking reloads.
        String html = PlayerPage.render(context, HLS_JS_VERSION, nickname, title, source, source, ll);
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store")
                .build();
    }

    private Response refusedPage(Response refused, HttpServletRequest request) {
        return page(refused, "Not allowed", request);
    }

    private static Response page(Response error, String title, HttpServletRequest request) {
        return BrowserPages.page(error, title, request);
    }

    /**
     * With {@code HLS_MEDIA_URL}, players given the watch URL (VLC, IPTV apps, the M3U export) are sent to the media
     * listener. Not the gateway's own pages ({@code format=hls}: same origin, and a login counts there), and not a
     * protected channel watched by login without a token (the media port takes tokens only).
     */
    private URI mediaPortFor(TranscodeSpec spec, String format, String token, URI main) {
        String media = transcoders.config().mediaUrl();
        if (media.isEmpty() || "hls".equals(format) || !spec.publicAccess() && token == null) {
            return main;
        }
        return URI.create(media + main.getRawPath() + (main.getRawQuery() == null ? "" : "?" + main.getRawQuery()));
    }

    private static URI playlistUri(UriInfo uri, String nickname, String token) {
        var builder = uri.getBaseUriBuilder().path("../read/{nickname}/" + HlsFile.PLAYLIST);
        if (token != null) {
            builder.queryParam("token", token);
        }
        return builder.build(nickname).normalize();
    }
}
