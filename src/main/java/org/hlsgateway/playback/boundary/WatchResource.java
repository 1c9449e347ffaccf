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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hlsgateway.api.ApiDoc;
import org.hlsgateway.channels.boundary.ChannelService;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.playback.control.Clients;
import org.hlsgateway.playback.control.HlsFile;
import org.hlsgateway.playback.control.PlayerPage;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.TranscoderHandle;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * {@code GET /hls_gateway/watch/{nickname}}: starts the channel if it is cold, waits for its
 * first segment and redirects to the playlist. A browser navigating here gets a player page.
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

    @GET
    @Tag(name = "playback", description = "What players open. Public channels need no credentials; a protected one "
            + "needs a signed token or a console session.")
    @Operation(operationId = "watch", summary = "Open a channel: starts it if cold and redirects to its playlist",
            description = "The URL players open. Starts FFmpeg when the channel is cold, waits without a thread for the "
                    + "first segment (at most HLS_START_TIMEOUT) and redirects to /read/{nickname}/index.m3u8, keeping "
                    + "the token. A browser (Accept preferring text/html) gets a player page instead, unless format=hls. "
                    + "Public channels need no credentials; protected ones a token from the playback-url operation, "
                    + "or a console session.")
    @SecurityRequirementsSet({})
    @SecurityRequirementsSet(@SecurityRequirement(name = ApiDoc.PLAYBACK_TOKEN))
    @SecurityRequirementsSet(@SecurityRequirement(name = ApiDoc.CONSOLE_SESSION))
    @APIResponse(responseCode = "200", description = "A browser's player page (hls.js, or native HLS in Safari).",
            content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "302", description = "The first segment is there: Location is the playlist.",
            headers = @Header(name = "Location", description = "/hls_gateway/read/{nickname}/index.m3u8[?token=...]",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "The channel is protected and the token is missing, malformed, "
            + "expired or for another channel (a page for browsers).", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "404", description = ApiDoc.NO_CHANNEL, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "502", description = "FFmpeg could not read the source, or it stalled; the message is "
            + "FFmpeg's last error line.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "503", description = "No FFmpeg is usable, HLS_MAX_TRANSCODERS already run, or a failed "
            + "source waits to be restarted; Retry-After says when, where the gateway knows.",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "504", description = "No segment came within HLS_START_TIMEOUT.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public void watch(@Parameter(description = ApiDoc.NICKNAME, required = true, example = "cam1") @PathParam("nickname") String nickname,
                      @Parameter(description = "text/html (a browser) gets the player page instead of the redirect.")
                      @HeaderParam(HttpHeaders.ACCEPT) String accept,
                      @Parameter(description = "hls: always redirect to the playlist, even for a browser.",
                              schema = @Schema(type = SchemaType.STRING, enumeration = "hls"))
                      @QueryParam("format") String format,
                      @Parameter(hidden = true) // documented as the playbackToken security scheme
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
            response.resume(Playback.unknown(nickname));
            return;
        }
        Response refused = playback.refusal(spec.get(), token, request);
        if (Clients.prefersHtml(accept) && !"hls".equals(format)) {
            response.resume(refused != null ? refusedPage(refused, request) : playerPage(nickname, token, request));
            return;
        }
        if (refused != null) {
            response.resume(refused);
            return;
        }
        TranscoderHandle handle = playback.start(spec.get());
        transcoders.touch(nickname, Clients.key(request.getRemoteAddr(), request.getHeader("User-Agent")));
        URI playlist = playlistUri(uri, nickname, token); // UriInfo works on the request thread only
        playback.answerWhenReady(handle, response, ready -> Response.status(Response.Status.FOUND)
                .location(playlist)
                .header("Cache-Control", "no-store")
                .build());
    }

    private Response playerPage(String nickname, String token, HttpServletRequest request) {
        Optional<Channel> channel = channels.find(nickname);
        if (channel.isEmpty()) {
            return Playback.unknown(nickname);
        }
        String context = request.getContextPath();
        String source = context + "/watch/" + nickname + "?format=hls"
                + (token == null ? "" : "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        String html = PlayerPage.render(context, HLS_JS_VERSION, nickname, channel.get().getName(), source);
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store")
                .build();
    }

    private Response refusedPage(Response refused, HttpServletRequest request) {
        String message = ((jakarta.json.JsonObject) refused.getEntity()).getString("message");
        return Response.status(refused.getStatus())
                .entity(PlayerPage.message(request.getContextPath(), "Not allowed", message))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .build();
    }

    private static URI playlistUri(UriInfo uri, String nickname, String token) {
        var builder = uri.getBaseUriBuilder().path("../read/{nickname}/" + HlsFile.PLAYLIST);
        if (token != null) {
            builder.queryParam("token", token);
        }
        return builder.build(nickname).normalize();
    }
}
