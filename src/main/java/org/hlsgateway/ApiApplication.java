package org.hlsgateway;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import java.util.Set;
import org.hlsgateway.api.ErrorMappers;
import org.hlsgateway.channels.boundary.ChannelsResource;
import org.hlsgateway.iptv.boundary.ImportResource;
import org.hlsgateway.iptv.boundary.PlaylistResource;
import org.hlsgateway.security.boundary.UsersResource;

/** The REST API under {@code /hls_gateway/api}; its OpenAPI document is at the server's {@code /openapi}. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "HLS Gateway", version = "1",
        description = "Channels, users, batch import and playlists of the HLS Gateway. HTTP Basic authentication."))
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ChannelsResource.class, UsersResource.class, ImportResource.class, PlaylistResource.class,
                ErrorMappers.class);
    }
}
