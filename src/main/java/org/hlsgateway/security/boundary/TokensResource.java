package org.hlsgateway.security.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hlsgateway.api.ApiDoc;
import org.hlsgateway.security.control.UserException;
import org.hlsgateway.security.entity.IssuedToken;

/** {@code /hls_gateway/api/tokens}: the long-lived tokens handed out, and revoking one (admins only). */
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens", description = "Long-lived signed URLs (playlist URLs, URLs valid over a day): list and revoke. Admins.")
public class TokensResource {

    @Inject
    IssuedTokens tokens;

    @GET
    @Operation(operationId = "listTokens", summary = "List the long-lived tokens",
            description = "Every playlist URL and every URL valid over a day that has not expired, newest first: "
                    + "who minted it, for what, until when, and whether it was revoked. Admins.")
    @APIResponse(responseCode = "200", description = "The tokens (never the tokens themselves).",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "IssuedTokenList")))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "403", description = "Your role may not list tokens (it needs admin).",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public JsonArray list() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        tokens.live().forEach(t -> all.add(json(t)));
        return all.build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke a long-lived token",
            description = "The token, and every channel URL of a playlist it opened, answer 403 from the next "
                    + "request on. Revoking twice is no error. Admins.")
    @APIResponse(responseCode = "200", description = "The revoked token's entry.",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "IssuedToken")))
    @APIResponse(responseCode = "404", description = "No token has this id.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "403", description = "Your role may not revoke tokens (it needs admin).",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public JsonObject revoke(@Parameter(description = "The token's id, from the list.", required = true, example = "12")
                             @PathParam("id") String id) {
        if (id == null || !id.matches("[0-9]{1,10}")) {
            throw new UserException(404, "no token #" + id + ": ids are numbers from the token list");
        }
        return json(tokens.revoke(Long.parseLong(id)));
    }

    static JsonObject json(IssuedToken token) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", token.getId())
                .add("mintedBy", token.getUsername())
                .add("scope", token.getScope())
                .add("createdAt", token.getCreatedAt().toString())
                .add("expiresAt", token.getExpiresAt().toString())
                .add("revoked", token.isRevoked());
        if (token.isRevoked()) {
            json.add("revokedAt", token.getRevokedAt().toString()).add("revokedBy", token.getRevokedBy());
        }
        return json.build();
    }
}
