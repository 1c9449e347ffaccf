package org.hlsgateway.operations.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.hlsgateway.channels.boundary.ChannelService;
import org.hlsgateway.transcoding.boundary.Transcoders;

/** MicroProfile Health at the server's {@code /health/live} and {@code /health/ready}. */
public final class GatewayHealth {

    private GatewayHealth() {
    }

    /** Live while the transcoder registry answers. */
    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {

        @Inject
        Transcoders transcoders;

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("hls-gateway").up()
                    .withData("runningTranscoders", transcoders.runningCount()).build();
        }
    }

    /** Ready when FFmpeg is usable, the work directory is writable and the database answers. */
    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {

        @Inject
        Transcoders transcoders;

        @Inject
        ChannelService channels;

        @Override
        public HealthCheckResponse call() {
            boolean ffmpeg = transcoders.ffmpegAvailable();
            boolean workDir;
            try {
                Files.createDirectories(transcoders.config().workDir());
                workDir = Files.isWritable(transcoders.config().workDir());
            } catch (java.io.IOException e) {
                workDir = false;
            }
            boolean database;
            int count = -1;
            try {
                count = channels.all().size();
                database = true;
            } catch (RuntimeException e) {
                database = false;
            }
            return HealthCheckResponse.named("hls-gateway-ready").status(ffmpeg && workDir && database)
                    .withData("ffmpeg", ffmpeg).withData("workDir", workDir).withData("database", database)
                    .withData("channels", count).build();
        }
    }
}
