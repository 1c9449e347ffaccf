package org.hlsgateway;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.hlsgateway.api.ErrorMappers;
import org.hlsgateway.channels.boundary.ChannelsResource;
import org.hlsgateway.iptv.boundary.ImportResource;
import org.hlsgateway.iptv.boundary.PlaylistResource;
import org.hlsgateway.security.boundary.UsersResource;

/** The REST API under {@code /hls_gateway/api}. */
@ApplicationPath("api")
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ChannelsResource.class, UsersResource.class, ImportResource.class, PlaylistResource.class,
                ErrorMappers.class);
    }
}
