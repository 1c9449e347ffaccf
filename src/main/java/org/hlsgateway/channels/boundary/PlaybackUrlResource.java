package org.hlsgateway.channels.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
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
import org.hlsgateway.channels.control.InvalidChannelException;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.security.boundary.PlaybackAccess;
import org.hlsgateway.security.control.TokenScope;
import org.hlsgateway.security.control.TokenTtl;

/**
 * {@code /hls_gateway/api/channels/{nickname}/playback-url}: mints a channel's signed watch URL. Its own root
 * resource (as {@code channels/import} is), so that the channels' CRUD in {@link ChannelsResource} stays small.
 */
@Path("channels/{nickname}/playback-url")
@Produces(MediaType.APPLICATION_JSON)
public class PlaybackUrlResource {

    @Inject
    ChannelService channels;

    @Inject
    PlaybackAccess access;

    @Context
    UriInfo uri;

    @Context
    jakarta.servlet.http.HttpServletRequest request;

    /** An absolute, signed watch URL that a player can open without logging in. */
    @GET
    @Tag(ref = "channels") // defined once, on ChannelsResource: a second class-level @Tag repeats it in the document
    @Operation(operationId = "getPlaybackUrl", summary = "A signed watch URL that opens without logging in",
            description = "An absolute watch URL with a token that is valid for this channel until expiresAt. "
                    + "Give it to a player or embed it; protected channels need it. Any role.")
    @APIResponse(responseCode = "200", description = "The signed URL.",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "SignedUrl")))
    @APIResponse(responseCode = "400", description = ApiDoc.BAD_TTL, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "404", description = ApiDoc.NO_CHANNEL, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public JsonObject playbackUrl(@Parameter(description = ApiDoc.NICKNAME, required = true, example = "cam1") @PathParam("nickname") String nickname,
                                  @Parameter(description = ApiDoc.TTL, example = "3600",
                                          schema = @Schema(type = SchemaType.INTEGER, minimum = "10", maximum = "31536000"))
                                  @QueryParam("ttl") String ttl) {
        long seconds;
        try {
            seconds = access.ttl(ttl, request);
        } catch (TokenTtl.Refused e) {
            throw new InvalidChannelException("ttl", e.getMessage());
        }
        Channel channel = channels.get(nickname);
        access.requireWithinLimits(request, channel.getNickname(), channel.getGroupTitle());
        String token = access.mint(TokenScope.channel(channel.getNickname()), Instant.now().getEpochSecond() + seconds, request);
        URI url = uri.getBaseUriBuilder().path("../watch/{nickname}").queryParam("token", token)
                .build(channel.getNickname()).normalize();
        return JsonBuilders.object()
                .add("url", url.toString())
                .add("expiresAt", Instant.now().plusSeconds(seconds).toString())
                .build();
    }
}
