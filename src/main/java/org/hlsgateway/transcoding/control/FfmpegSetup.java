package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.config.GatewayConfig;

/** Finds the FFmpeg to use at start-up and sets its command up for what that build can do; logs what it found. */
public final class FfmpegSetup {

    /** The log of the {@code Transcoders} bean that sets FFmpeg up, as before this class was split out of it. */
    private static final Logger LOG = Logger.getLogger("org.hlsgateway.transcoding.boundary.Transcoders");

    private FfmpegSetup() {
    }

    /** The FFmpeg to use; empty (and {@code unavailable} told why) when there is none. */
    public static Optional<FfmpegLocator.Ffmpeg> locate(GatewayConfig config, Consumer<String> unavailable) {
        FfmpegLocator locator = new FfmpegLocator();
        Optional<FfmpegLocator.Ffmpeg> found = locator.locate(config.ffmpegPath(), System.getenv("PATH"), config.bundledFfmpeg());
        if (found.isPresent()) {
            FfmpegLocator.Ffmpeg ffmpeg = found.get();
            LOG.info(() -> "HLS Gateway uses FFmpeg " + ffmpeg.release() + " at " + ffmpeg.path() + " (found by "
                    + ffmpeg.source() + "; supported: " + FfmpegVersion.MINIMUM + " and newer): " + ffmpeg.version());
            if (!locator.tried().isEmpty()) {
                LOG.info(() -> "FFmpeg candidates skipped: " + String.join("; ", locator.tried()));
            }
            if (!ffmpeg.resolvesHostNames()) {
                LOG.info("this FFmpeg crashes when it looks up a host name (a statically linked glibc build): the gateway "
                        + "resolves each source's host for it and keeps it from loading the system's C library");
            }
        } else {
            String reason = "no usable FFmpeg: " + FfmpegLocator.HOW_TO_FIX + ". Tried: " + String.join("; ", locator.tried());
            LOG.severe(reason);
            unavailable.accept(reason);
        }
        return found;
    }

    /** The command builder for {@code ffmpeg} (null: none found, a placeholder that is never run). */
    public static FfmpegCommand command(FfmpegLocator.Ffmpeg ffmpeg, GatewayConfig config) {
        FfmpegCommand command = new FfmpegCommand(ffmpeg == null ? "ffmpeg" : ffmpeg.path(),
                config.segmentSeconds(), config.playlistSize(), config.sourceTimeoutSeconds());
        if (ffmpeg != null) {
            command.withVersion(ffmpeg.release());
            if (!ffmpeg.resolvesHostNames()) {
                command.withHostLookup(InetAddress::getByName);
                try {
                    command.withPrefix(StaticBuildGuard.prefix(config.dataDir().resolve("static-ffmpeg-guard")));
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "no guard for the static FFmpeg: it may crash on MPEG-TS sources", e);
                }
            }
            String encoder = FfmpegLocator.h264Encoder(ffmpeg.path());
            LOG.info(() -> "H.264 encoder for transcoding profiles: " + (encoder == null ? "none (video: h264 will fail)" : encoder));
            if (encoder != null) {
                command.withH264Encoder(encoder);
            }
        }
        return command;
    }
}
