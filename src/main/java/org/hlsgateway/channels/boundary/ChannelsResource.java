package org.hlsgateway.channels.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hlsgateway.api.ApiDoc;
import org.hlsgateway.api.JsonBuilders;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.security.boundary.PlaybackAccess;
import org.hlsgateway.channels.control.ChannelJson;
import org.hlsgateway.channels.control.ChannelPaging;
import org.hlsgateway.channels.control.InvalidChannelException;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.Prober;

/** The channels REST API: {@code /hls_gateway/api/channels}. */
@Path("channels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "channels", description = "Channels and their transcoders (HTTP Basic).")
public class ChannelsResource {

    @Inject
    ChannelService channels;

    @Inject
    Transcoders transcoders;

    @Inject
    ChannelRows rows;

    @Inject
    PlaybackAccess access;

    @Inject
    GatewayConfig config;

    @Context
    UriInfo uri;

    @Context
    jakarta.servlet.http.HttpServletRequest request;

    @GET
    @Operation(operationId = "listChannels", summary = "List the channels, a page at a time",
            description = "The channels with the live state of their transcoders, sorted by sortOrder then nickname, "
                    + "searched and filtered in the database. The body stays a JSON array (one page); X-Total-Count "
                    + "says how many match in all and Link (rel=\"next\") names the next page while there is one. "
                    + "Page with cursor (from that link: a keyset, stable while channels are added) or offset. Any role.")
    @APIResponse(responseCode = "200", description = "One page of the channels.", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(ref = "ChannelList")),
            headers = {@Header(name = "X-Total-Count", description = "How many channels match the filters in all",
                    schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "Link", description = "<url>; rel=\"next\" while more pages follow",
                            schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "limit, offset, cursor or state is refused (errors says why).",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public Response list(@Parameter(description = "Channels per page, 1 to " + ChannelPaging.MAX_LIMIT + "; default "
                                 + ChannelPaging.DEFAULT_LIMIT + ".", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                                 maximum = "" + ChannelPaging.MAX_LIMIT)) @QueryParam("limit") String limit,
                         @Parameter(description = "Channels to skip, 0 or more (not with cursor).",
                                 schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("offset") String offset,
                         @Parameter(description = "Start after this position: the cursor of the previous answer's Link "
                                 + "header (not with offset).") @QueryParam("cursor") String cursor,
                         @Parameter(description = "Only channels whose nickname or name contains this text (any case).")
                         @QueryParam("q") String q,
                         @Parameter(description = ApiDoc.GROUP) @QueryParam("group") String group,
                         @Parameter(description = "Only channels in this live state.", schema = @Schema(type = SchemaType.STRING,
                                 enumeration = {"IDLE", "STARTING", "LIVE", "FAILED"})) @QueryParam("state") String state) {
        ChannelPaging paging = ChannelPaging.parse(limit, offset, cursor, state);
        return ChannelListAnswer.of(channels, rows.query(q, group, paging.state()), paging, offset != null,
                uri.getRequestUriBuilder(), this::json);
    }

    @GET
    @Path("{nickname}")
    @Operation(operationId = "getChannel", summary = "Get a channel with its live state",
            description = "The stored settings (url with the password masked) and the transcoder's live state: "
                    + "state, lastError, startedAt, uptimeSeconds, lastAccessAt, viewers and the input streams. Any role.")
    @APIResponse(responseCode = "200", description = "The channel.",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "Channel")))
    @APIResponse(responseCode = "404", description = ApiDoc.NO_CHANNEL, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public JsonObject get(@Parameter(description = ApiDoc.NICKNAME, required = true, example = "cam1") @PathParam("nickname") String nickname) {
        Channel channel = channels.get(nickname);
        access.requireWithinLimits(request, channel.getNickname(), channel.getGroupTitle());
        return json(channel);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createChannel", summary = "Create a channel",
            description = "Stores the channel; FFmpeg starts when the first player opens its watch URL. Admins.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "ChannelInput")))
    @APIResponse(responseCode = "201", description = "Created; Location names the new channel.",
            headers = @Header(name = "Location", description = "URL of the new channel", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "Channel")))
    @APIResponse(responseCode = "400", description = "The body is not a JSON object, or fields are refused: "
            + "errors lists each field and why.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "403", description = ApiDoc.ADMIN_ONLY, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "409", description = "A channel with this nickname exists.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "415", description = ApiDoc.NOT_JSON, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public Response create(JsonValue json) {
        Channel created = channels.create(ChannelJson.read(ChannelJson.body(json), config.publicByDefault()));
        URI location = uri.getAbsolutePathBuilder().path(created.getNickname()).build();
        return Response.created(location).entity(json(created)).build();
    }

    @PUT
    @Path("{nickname}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateChannel", summary = "Replace a channel's settings",
            description = "Fields left out take their defaults. A channel people watch restarts at once with the new "
                    + "settings (its players keep their playlist); a renamed one stops. Admins.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "ChannelInput")))
    @APIResponse(responseCode = "200", description = "The channel as stored now.",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "Channel")))
    @APIResponse(responseCode = "400", description = "The body is not a JSON object, or fields are refused: "
            + "errors lists each field and why.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "403", description = ApiDoc.ADMIN_ONLY, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "404", description = ApiDoc.NO_CHANNEL, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "409", description = "The new nickname belongs to another channel.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "415", description = ApiDoc.NOT_JSON, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public JsonObject update(@Parameter(description = ApiDoc.NICKNAME, required = true, example = "cam1") @PathParam("nickname") String nickname, JsonValue json) {
        Channel changes = ChannelJson.read(ChannelJson.body(json), config.publicByDefault());
        if (changes.getNickname() == null) {
            changes.setNickname(nickname);
        }
        return json(channels.update(nickname, changes));
    }

    /** Tests the source once: codecs and resolution, or FFmpeg's error line. Admins only. */
    @POST
    @Path("{nickname}/probe")
    @Operation(operationId = "probeChannel", summary = "Test the channel's source once",
            description = "Connects to the source once (or asks the running FFmpeg) and reports codecs and resolution, "
                    + "or FFmpeg's error line. An unreachable source is still a 200 with reachable false. Admins.")
    @APIResponse(responseCode = "200", description = "What FFmpeg found.",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "ProbeResult")))
    @APIResponse(responseCode = "403", description = ApiDoc.ADMIN_ONLY, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "404", description = ApiDoc.NO_CHANNEL, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public JsonObject probe(@Parameter(description = ApiDoc.NICKNAME, required = true, example = "cam1") @PathParam("nickname") String nickname) {
        Prober.Result result = channels.probe(nickname);
        var json = JsonBuilders.object().add("reachable", result.reachable())
                .add("summary", result.streams().summary());
        if (result.error() != null) {
            json.add("error", result.error());
        }
        return json.build();
    }

    /** Starts the channel's FFmpeg without waiting for a viewer (it stops again when nobody watches). */
    @POST
    @Path("{nickname}/start")
    @Operation(operationId = "startChannel", summary = "Start the channel's FFmpeg now",
            description = "Warms the channel without waiting for a viewer; answers at once, not at the first segment. "
                    + "It still stops after the idle timeout when nobody watches. Admins.")
    @APIResponse(responseCode = "202", description = "Starting; the channel with its live state.",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "Channel")))
    @APIResponse(responseCode = "403", description = ApiDoc.ADMIN_ONLY, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "404", description = ApiDoc.NO_CHANNEL, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "503", description = "No FFmpeg is usable, HLS_MAX_TRANSCODERS already run, or the "
            + "failed source waits to be restarted (Retry-After says when, where known).", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public Response start(@Parameter(description = ApiDoc.NICKNAME, required = true, example = "cam1") @PathParam("nickname") String nickname) {
        channels.start(nickname);
        return Response.accepted(json(channels.get(nickname))).build();
    }

    /** Stops the channel's FFmpeg now; answers once it has exited. */
    @POST
    @Path("{nickname}/stop")
    @Operation(operationId = "stopChannel", summary = "Stop the channel's FFmpeg now",
            description = "Answers once FFmpeg has exited. Players reconnecting start it again. Admins.")
    @APIResponse(responseCode = "200", description = "Stopped; the channel with its live state.",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "Channel")))
    @APIResponse(responseCode = "403", description = ApiDoc.ADMIN_ONLY, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "404", description = ApiDoc.NO_CHANNEL, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public JsonObject stop(@Parameter(description = ApiDoc.NICKNAME, required = true, example = "cam1") @PathParam("nickname") String nickname) {
        channels.stop(nickname);
        return json(channels.get(nickname));
    }

    @DELETE
    @Operation(operationId = "deleteChannelGroup", summary = "Delete every channel of a group",
            description = "Stops their running FFmpegs first, then deletes them in one statement (e.g. an IPTV list "
                    + "imported into its own group). group is required: nothing deletes every channel. Admins.")
    @APIResponse(responseCode = "200", description = "Deleted; deleted says how many.",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "group is missing.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "403", description = ApiDoc.ADMIN_ONLY, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public JsonObject deleteGroup(@Parameter(description = ApiDoc.GROUP, required = true) @QueryParam("group") String group) {
        if (group == null || group.isBlank()) {
            throw new InvalidChannelException("group", "group is required: the group whose channels to delete");
        }
        return JsonBuilders.object().add("group", group).add("deleted", channels.deleteGroup(group)).build();
    }

    @DELETE
    @Path("{nickname}")
    @Operation(operationId = "deleteChannel", summary = "Delete a channel",
            description = "Stops a running FFmpeg first. Admins.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "403", description = ApiDoc.ADMIN_ONLY, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "404", description = ApiDoc.NO_CHANNEL, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public Response delete(@Parameter(description = ApiDoc.NICKNAME, required = true, example = "cam1") @PathParam("nickname") String nickname) {
        channels.delete(nickname);
        return Response.noContent().build();
    }

    private JsonObject json(Channel channel) {
        URI watch = uri.getBaseUriBuilder().path("../watch/{nickname}").build(channel.getNickname()).normalize();
        return ChannelJson.write(channel, transcoders.status(channel.getNickname()), watch.toString());
    }
}
