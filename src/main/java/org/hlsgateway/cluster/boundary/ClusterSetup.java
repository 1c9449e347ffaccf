package org.hlsgateway.cluster.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;
import org.hlsgateway.config.GatewayConfig;

/** Puts {@link ClusterFilter} in front of the players' URLs in cluster mode only: a single node has no filter there. */
@WebListener
public class ClusterSetup implements ServletContextListener {

    @Inject
    GatewayConfig config;

    @Inject
    Cluster cluster;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!config.clustered()) {
            return;
        }
        FilterRegistration.Dynamic filter = event.getServletContext().addFilter("hls-cluster",
                new ClusterFilter(cluster, config.startTimeoutSeconds()));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/watch/*", "/read/*");
    }
}
