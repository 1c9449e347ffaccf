package org.hlsgateway;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.hlsgateway.api.ErrorMappers;
import org.hlsgateway.playback.boundary.CorsHeaders;
import org.hlsgateway.playback.boundary.ReadResource;

/** {@code /hls_gateway/read/{nickname}/{file}}: playlists and segments (kept from the original program). */
@ApplicationPath("read")
public class ReadApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ReadResource.class, CorsHeaders.class, ErrorMappers.class);
    }
}
