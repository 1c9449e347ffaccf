package org.hlsgateway;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.hlsgateway.playback.boundary.CorsHeaders;
import org.hlsgateway.playback.boundary.WatchResource;

/** {@code /hls_gateway/watch/{nickname}}: the URL players open (kept from the original program). */
@ApplicationPath("watch")
public class WatchApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(WatchResource.class, CorsHeaders.class, ErrorMappers.class);
    }
}
