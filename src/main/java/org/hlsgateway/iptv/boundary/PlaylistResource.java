package org.hlsgateway.iptv.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hlsgateway.api.ApiDoc;
import org.hlsgateway.api.JsonBuilders;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.security.boundary.PlaybackAccess;
import org.hlsgateway.security.control.TokenGrant;
import org.hlsgateway.security.control.TokenScope;
import org.hlsgateway.security.control.TokenTtl;

/**
 * The M3U export for API users: {@code /api/playlist.m3u} lists every channel with URLs signed for
 * {@code ttl} seconds; {@code /api/playlist-url} gives a playlist URL an IPTV app can load on its own.
 */
@Path("")
@Tag(name = "playlists", description = "M3U export for IPTV apps.")
public class PlaylistResource {

    @Inject
    Playlists playlists;

    @Inject
    PlaybackAccess access;

    @Context
    HttpServletRequest request;

    @GET
    @Path("playlist.m3u")
    @Produces("audio/x-mpegurl")
    @Operation(operationId = "getSignedPlaylist", summary = "Every channel as an M3U with signed watch URLs",
            description = "The extended M3U of /playlist.m3u with every channel, public or not, each URL signed for ttl "
                    + "seconds. Any role.")
    @APIResponse(responseCode = "200", description = "The playlist (no-store).",
            content = @Content(mediaType = ApiDoc.M3U, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = ApiDoc.BAD_TTL, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public Response playlist(@Parameter(description = ApiDoc.TTL, example = "86400",
                                     schema = @Schema(type = SchemaType.INTEGER, minimum = "10", maximum = "31536000"))
                             @QueryParam("ttl") String ttl,
                             @Parameter(description = ApiDoc.GROUP) @QueryParam("group") String group) {
        long seconds;
        try {
            seconds = access.ttl(ttl, request);
        } catch (TokenTtl.Refused e) {
            return badTtl(e);
        }
        long expiresAt = Instant.now().getEpochSecond() + seconds;
        // a long-lived export is one record: revoking it revokes every URL in it
        TokenGrant grant = access.grant(request, TokenScope.playlist(group), expiresAt, PlaybackAccess.isLongLived(expiresAt));
        String m3u = playlists.m3u(request, grant, expiresAt, group);
        return Response.ok(m3u, "audio/x-mpegurl;charset=utf-8").header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("playlist-url")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getPlaylistUrl", summary = "A playlist URL an IPTV app can load by itself",
            description = "An absolute /playlist.m3u URL with a token valid for ttl seconds: it lists every channel "
                    + "with signed watch URLs, without credentials. Any role.")
    @APIResponse(responseCode = "200", description = "The signed playlist URL.",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "SignedUrl")))
    @APIResponse(responseCode = "400", description = ApiDoc.BAD_TTL, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public Response playlistUrl(@Parameter(description = ApiDoc.TTL, example = "2592000",
                                        schema = @Schema(type = SchemaType.INTEGER, minimum = "10", maximum = "31536000"))
                                @QueryParam("ttl") String ttl,
                                @Parameter(description = ApiDoc.GROUP) @QueryParam("group") String group) {
        long seconds;
        try {
            seconds = access.ttl(ttl, request);
        } catch (TokenTtl.Refused e) {
            return badTtl(e);
        }
        JsonObject json = JsonBuilders.object()
                .add("url", playlists.signedPlaylistUrl(request, seconds, group))
                .add("expiresAt", Instant.now().plusSeconds(seconds).toString())
                .build();
        return Response.ok(json).build();
    }

    private static Response badTtl(TokenTtl.Refused refused) {
        return ErrorResponses.of(Response.Status.BAD_REQUEST, refused.getMessage());
    }
}
