package org.hlsgateway;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.hlsgateway.api.ApiDoc;
import org.hlsgateway.channels.boundary.ChannelsResource;
import org.hlsgateway.channels.boundary.PlaybackUrlResource;
import org.hlsgateway.iptv.boundary.ImportResource;
import org.hlsgateway.iptv.boundary.PlaylistResource;
import org.hlsgateway.security.boundary.TokensResource;
import org.hlsgateway.security.boundary.UsersResource;

/**
 * The REST API under {@code /hls_gateway/api}. Its OpenAPI document is at the server's {@code /openapi}:
 * these annotations, the resources' and {@code META-INF/openapi.yaml} (servlet endpoints, shared schemas).
 */
@ApplicationPath("api")
@OpenAPIDefinition(
        info = @Info(title = "HLS Gateway", version = "1",
                description = "Turns cameras and other live sources into HLS with FFmpeg on demand. "
                        + "Everything under /api needs HTTP Basic with a console user (role admin or viewer; "
                        + "changes need admin). Players open /watch/{nickname}: public channels need nothing, "
                        + "protected ones the signed token of a playback URL or a console session. "
                        + "Every error answers {\"status\",\"message\",\"errors\":[{\"field\",\"message\"}]}.",
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        // relative, so that it holds behind a proxy and on every host name; paths below are relative to it
        servers = @Server(url = "/hls_gateway", description = "The gateway, on the host that serves this document"),
        security = @SecurityRequirement(name = ApiDoc.BASIC))
@SecurityScheme(securitySchemeName = ApiDoc.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A console user's name and password. Repeated wrong passwords lock the account and the client for a while.")
@SecurityScheme(securitySchemeName = ApiDoc.PLAYBACK_TOKEN, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.QUERY, apiKeyName = "token",
        description = "A signed, expiring token for one channel, from GET /api/channels/{nickname}/playback-url. "
                + "Only protected channels need it.")
@SecurityScheme(securitySchemeName = ApiDoc.PLAYLIST_TOKEN, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.QUERY, apiKeyName = "token",
        description = "A signed, expiring token for /playlist.m3u, from GET /api/playlist-url.")
@SecurityScheme(securitySchemeName = ApiDoc.CONSOLE_SESSION, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.COOKIE, apiKeyName = "JSESSIONID",
        description = "The session of a user logged in to the console (login.xhtml); players in the console use it.")
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ChannelsResource.class, UsersResource.class, ImportResource.class, PlaylistResource.class,
                ErrorMappers.class, TokensResource.class, PlaybackUrlResource.class,
                org.hlsgateway.cluster.boundary.NodesResource.class);
    }
}
