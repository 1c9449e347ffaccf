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
import java.util.OptionalLong;
import org.hlsgateway.api.JsonBuilders;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.playback.control.TokenTtl;

/**
 * The M3U export for API users: {@code /api/playlist.m3u} lists every channel with URLs signed for
 * {@code ttl} seconds; {@code /api/playlist-url} gives a playlist URL an IPTV app can load on its own.
 */
@Path("")
public class PlaylistResource {

    @Inject
    Playlists playlists;

    @Inject
    GatewayConfig config;

    @Context
    HttpServletRequest request;

    @GET
    @Path("playlist.m3u")
    @Produces("audio/x-mpegurl")
    public Response playlist(@QueryParam("ttl") String ttl, @QueryParam("group") String group) {
        OptionalLong seconds = TokenTtl.parse(ttl, config.tokenTtlSeconds());
        if (seconds.isEmpty()) {
            return badTtl();
        }
        String m3u = playlists.m3u(request, true, Instant.now().getEpochSecond() + seconds.getAsLong(), group);
        return Response.ok(m3u, "audio/x-mpegurl;charset=utf-8").header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("playlist-url")
    @Produces(MediaType.APPLICATION_JSON)
    public Response playlistUrl(@QueryParam("ttl") String ttl, @QueryParam("group") String group) {
        OptionalLong seconds = TokenTtl.parse(ttl, config.tokenTtlSeconds());
        if (seconds.isEmpty()) {
            return badTtl();
        }
        JsonObject json = JsonBuilders.object()
                .add("url", playlists.signedPlaylistUrl(request, seconds.getAsLong(), group))
                .add("expiresAt", Instant.now().plusSeconds(seconds.getAsLong()).toString())
                .build();
        return Response.ok(json).build();
    }

    private static Response badTtl() {
        return ErrorResponses.of(Response.Status.BAD_REQUEST, TokenTtl.RULE);
    }
}
