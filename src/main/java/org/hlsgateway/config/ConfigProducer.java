package org.hlsgateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Reads the settings once and hands the same {@link GatewayConfig} to every bean. */
@ApplicationScoped
public class ConfigProducer {

    private final GatewayConfig config = GatewayConfig.fromEnvironment();

    @Produces
    @Singleton
    GatewayConfig config() {
        return config;
    }
}
