package org.hlsgateway.security.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
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
import org.hlsgateway.security.control.ChannelLimits;
import org.hlsgateway.security.control.UserException;
import org.hlsgateway.security.entity.Role;
import org.hlsgateway.security.entity.User;

/** {@code /hls_gateway/api/users}: the console's user management for scripts (admins only, enforced by {@link UserService}). */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users", description = "Console and API users (HTTP Basic, admins).")
public class UsersResource {

    static final String FORBIDDEN = "Your role may not manage users (it needs admin), the change would disable or "
            + "delete your own account or the last enabled admin, or a cross-site request was refused.";
    private static final Set<String> FIELDS = Set.of("username", "password", "role", "enabled", "groups", "channels");

    @Inject
    UserService users;

    @Context
    UriInfo uri;

    @GET
    @Operation(operationId = "listUsers", summary = "List the users", description = "Admins.")
    @APIResponse(responseCode = "200", description = "The users (never their password hashes).",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "UserList")))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public JsonArray list() {
        JsonArrayBuilder all = JsonBuilders.array();
        users.all().forEach(u -> all.add(json(u)));
        return all.build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUser", summary = "Create a user",
            description = "A console and API user; role defaults to viewer. Admins.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "NewUser")))
    @APIResponse(responseCode = "201", description = "Created; Location names the new user.",
            headers = @Header(name = "Location", description = "URL of the new user", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "User")))
    @APIResponse(responseCode = "400", description = "Not a JSON object, an unknown field, a user name or role that "
            + "is not allowed, or a password that is too weak.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "409", description = "The user name is taken.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "415", description = ApiDoc.NOT_JSON, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public Response create(JsonValue json) {
        JsonObject body = object(json);
        checkFields(body);
        User user = users.create(text(body, "username"), text(body, "password"), role(body));
        if (body.containsKey("groups") || body.containsKey("channels")) {
            users.setLimits(user.getUsername(), names(body, "groups"), names(body, "channels"));
        }
        return Response.created(uri.getAbsolutePathBuilder().path(user.getUsername()).build()).entity(json(user)).build();
    }

    /** Changes {@code password} and/or {@code enabled}. */
    @PUT
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateUser", summary = "Reset a user's password or enable/disable the account",
            description = "Changes password and/or enabled; other fields stay. Admins.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "UserChange")))
    @APIResponse(responseCode = "204", description = "Changed.")
    @APIResponse(responseCode = "400", description = "Not a JSON object, an unknown field, enabled not a boolean, "
            + "or a password that is too weak.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "404", description = "No user has this name.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "415", description = ApiDoc.NOT_JSON, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public Response update(@Parameter(description = "The user name.", required = true, example = "alice") @PathParam("username") String username, JsonValue json) {
        JsonObject body = object(json);
        checkFields(body);
        if (body.containsKey("password")) {
            users.resetPassword(username, text(body, "password"));
        }
        JsonValue enabled = body == null ? null : body.get("enabled");
        if (enabled != null) {
            if (enabled != JsonValue.TRUE && enabled != JsonValue.FALSE) {
                throw new UserException("enabled must be true or false");
            }
            users.setEnabled(username, enabled == JsonValue.TRUE);
        }
        if (body.containsKey("groups") || body.containsKey("channels")) {
            users.setLimits(username, names(body, "groups"), names(body, "channels"));
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("{username}")
    @Operation(operationId = "deleteUser", summary = "Delete a user",
            description = "Not your own account, not the last enabled admin. Admins.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", description = "No user has this name.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public Response delete(@Parameter(description = "The user name.", required = true, example = "alice") @PathParam("username") String username) {
        users.delete(username);
        return Response.noContent().build();
    }

    private static JsonObject object(JsonValue json) {
        return json instanceof JsonObject o ? o : null;
    }

    private static void checkFields(JsonObject body) {
        if (body == null) {
            throw new UserException("a JSON object is required");
        }
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new UserException("unknown field '" + key + "'; allowed: channels, enabled, groups, password, role, username");
            }
        }
    }

    private static String text(JsonObject body, String key) {
        JsonValue value = body.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new UserException(key + " must be a string");
    }

    /** A list of names, e.g. {@code "groups": ["Kids"]}; absent or null is an empty list. */
    private static Set<String> names(JsonObject body, String key) {
        JsonValue value = body.get(key);
        if (value == null || value == JsonValue.NULL) {
            return Set.of();
        }
        if (!(value instanceof jakarta.json.JsonArray array) || array.size() > ChannelLimits.MAX_ENTRIES
                || !array.stream().allMatch(v -> v instanceof JsonString)) {
            throw new UserException(key + " must be a list of strings: " + ChannelLimits.RULE);
        }
        return array.stream().map(v -> ((JsonString) v).getString().strip()).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static Role role(JsonObject body) {
        String value = text(body, "role");
        if (value == null) {
            return Role.VIEWER;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case Role.ADMIN_NAME -> Role.ADMIN;
            case Role.VIEWER_NAME -> Role.VIEWER;
            default -> throw new UserException("role must be admin or viewer");
        };
    }

    private static JsonObject json(User user) {
        return JsonBuilders.object()
                .add("username", user.getUsername())
                .add("role", user.getRole().roleName())
                .add("enabled", user.isEnabled())
                .add("createdAt", String.valueOf(user.getCreatedAt()))
                .add("groups", strings(ChannelLimits.read(user.getAllowedGroups())))
                .add("channels", strings(ChannelLimits.read(user.getAllowedChannels())))
                .build();
    }

    private static JsonArrayBuilder strings(Set<String> names) {
        JsonArrayBuilder array = JsonBuilders.array();
        new java.util.TreeSet<>(names).forEach(array::add);
        return array;
    }
}
