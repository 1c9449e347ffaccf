package org.hlsgateway.channels.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
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
import java.time.Instant;
import org.hlsgateway.api.JsonBuilders;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.playback.boundary.PlaybackAccess;
import org.hlsgateway.playback.control.TokenTtl;
import org.hlsgateway.channels.control.ChannelJson;
import org.hlsgateway.channels.control.InvalidChannelException;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.control.Prober;

/** The channels REST API: {@code /hls_gateway/api/channels}. */
@Path("channels")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelsResource {

    @Inject
    ChannelService channels;

    @Inject
    Transcoders transcoders;

    @Inject
    PlaybackAccess access;

    @Inject
    GatewayConfig config;

    @Context
    UriInfo uri;

    @GET
    public JsonArray list() {
        JsonArrayBuilder all = JsonBuilders.array();
        channels.all().forEach(c -> all.add(json(c)));
        return all.build();
    }

    @GET
    @Path("{nickname}")
    public JsonObject get(@PathParam("nickname") String nickname) {
        return json(channels.get(nickname));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonValue json) {
        JsonObject body = object(json);
        Channel created = channels.create(ChannelJson.read(requireBody(body), config.publicByDefault()));
        URI location = uri.getAbsolutePathBuilder().path(created.getNickname()).build();
        return Response.created(location).entity(json(created)).build();
    }

    @PUT
    @Path("{nickname}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject update(@PathParam("nickname") String nickname, JsonValue json) {
        JsonObject body = object(json);
        Channel changes = ChannelJson.read(requireBody(body), config.publicByDefault());
        if (changes.getNickname() == null) {
            changes.setNickname(nickname);
        }
        return json(channels.update(nickname, changes));
    }

    /** An absolute, signed watch URL that a player can open without logging in. */
    @GET
    @Path("{nickname}/playback-url")
    public JsonObject playbackUrl(@PathParam("nickname") String nickname, @QueryParam("ttl") String ttl) {
        long seconds = TokenTtl.parse(ttl, config.tokenTtlSeconds())
                .orElseThrow(() -> new InvalidChannelException("ttl", TokenTtl.RULE));
        Channel channel = channels.get(nickname);
        String token = access.sign(channel.getNickname(), seconds);
        URI url = uri.getBaseUriBuilder().path("../watch/{nickname}").queryParam("token", token)
                .build(channel.getNickname()).normalize();
        return JsonBuilders.object()
                .add("url", url.toString())
                .add("expiresAt", Instant.now().plusSeconds(seconds).toString())
                .build();
    }

    /** Tests the source once: codecs and resolution, or FFmpeg's error line. Admins only. */
    @POST
    @Path("{nickname}/probe")
    public JsonObject probe(@PathParam("nickname") String nickname) {
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
    public Response start(@PathParam("nickname") String nickname) {
        channels.start(nickname);
        return Response.accepted(json(channels.get(nickname))).build();
    }

    /** Stops the channel's FFmpeg now; answers once it has exited. */
    @POST
    @Path("{nickname}/stop")
    public JsonObject stop(@PathParam("nickname") String nickname) {
        channels.stop(nickname);
        return json(channels.get(nickname));
    }

    @DELETE
    @Path("{nickname}")
    public Response delete(@PathParam("nickname") String nickname) {
        channels.delete(nickname);
        return Response.noContent().build();
    }

    private JsonObject json(Channel channel) {
        URI watch = uri.getBaseUriBuilder().path("../watch/{nickname}").build(channel.getNickname()).normalize();
        return ChannelJson.write(channel, transcoders.status(channel.getNickname()), watch.toString());
    }

    private static JsonObject object(JsonValue json) {
        return json instanceof JsonObject o ? o : null;
    }

    private static JsonObject requireBody(JsonObject body) {
        if (body == null) {
            throw new InvalidChannelException("body", "a JSON object is required, e.g. {\"nickname\":\"cam1\",\"url\":\"rtsp://...\"}");
        }
        return body;
    }
}
