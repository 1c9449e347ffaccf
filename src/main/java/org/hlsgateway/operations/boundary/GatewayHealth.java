package org.hlsgateway.operations.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Files;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.transcoding.boundary.Transcoders;

/**
 * MicroProfile Health at the server's {@code /health/live} and {@code /health/ready}. Payara answers
 * them while the application is still starting; until the application scope is initialized (the
 * start-up singletons are up and the web module serves) the checks do not call into the
 * transcoders, which would throw "Attempt to invoke when container is in Initializing" and log a
 * stack trace per poll.
 */
public final class GatewayHealth {

    private GatewayHealth() {
    }

    /** Live while the transcoder registry answers. */
    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {

        @Inject
        Transcoders transcoders;

        private volatile boolean started;

        void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
            started = true;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("hls-gateway").up()
                    .withData("runningTranscoders", started ? transcoders.runningCount() : 0).build();
        }
    }

    /**
     * Ready when FFmpeg is usable, the work directory is writable and the database answers; DOWN while it
     * does not (live channels play on meanwhile: {@code /health/live} stays UP).
     */
    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {

        @Inject
        Transcoders transcoders;

        @Inject
        DatabaseStatus database;

        private volatile boolean started;

        void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
            started = true;
        }

        @Override
        public HealthCheckResponse call() {
            if (!started) {
                return HealthCheckResponse.named("hls-gateway-ready").down().withData("starting", true).build();
            }
            boolean ffmpeg = transcoders.ffmpegAvailable();
            boolean workDir;
            try {
                Files.createDirectories(transcoders.config().workDir());
                workDir = Files.isWritable(transcoders.config().workDir());
            } catch (java.io.IOException e) {
                workDir = false;
            }
            boolean database = this.database.answers(); // at most one probe a second, each within a second or two
            return HealthCheckResponse.named("hls-gateway-ready").status(ffmpeg && workDir && database)
                    .withData("ffmpeg", ffmpeg).withData("workDir", workDir).withData("database", database).build();
        }
    }
}
