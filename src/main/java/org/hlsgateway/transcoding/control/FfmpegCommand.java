package org.hlsgateway.transcoding.control;

import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hlsgateway.transcoding.entity.AudioMode;
import org.hlsgateway.transcoding.entity.VideoMode;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * Builds FFmpeg's argument list (never a shell line) for one channel. The arguments work with
 * every FFmpeg the gateway accepts, 4.4 to 7.x: where an option changed between releases
 * ({@link FfmpegVersion#hasStimeout()}), {@link #withVersion} picks the form this FFmpeg knows.
 */
public final class FfmpegCommand {

    public static final String PLAYLIST = "index.m3u8";

    /** The length FFmpeg cuts fragments to for the packager ({@code -frag_duration}, µs): the LL-HLS part target. */
    public static final int PART_MICROS = 200_000;

    /** Network protocols only: a remote playlist can never pull in a local file. */
    static final String PROTOCOL_WHITELIST =
            "tcp,udp,rtp,srtp,tls,http,https,httpproxy,crypto,rtmp,rtmps,rtmpt,rtmpts,rtmpe,rtmpte,srt";

    private final String executable;
    private String h264Encoder = "libx264";
    /** This FFmpeg names the RTSP socket timeout {@code -stimeout} (before 5.0), not {@code -timeout}. */
    private boolean stimeout;
    private SourceUrl.Resolver resolver;
    private List<String> prefix = List.of();
    private final int segmentSeconds;
    private final int playlistSize;
    private final int sourceTimeoutSeconds;

    public FfmpegCommand(String executable, int segmentSeconds, int playlistSize, int sourceTimeoutSeconds) {
        this.executable = executable;
        this.segmentSeconds = segmentSeconds;
        this.playlistSize = playlistSize;
        this.sourceTimeoutSeconds = sourceTimeoutSeconds;
    }

    /**
     * @param run a short lower-case token unique to this run; segment names start with it so
     *            that a restarted channel never reuses a name a player or cache has seen
     */
    /** The H.264 encoder this FFmpeg has: {@code libx264} (preferred) or {@code libopenh264}. */
    public FfmpegCommand withH264Encoder(String encoder) {
        this.h264Encoder = encoder;
        return this;
    }

    /** The release the commands are for; unset, the options of FFmpeg 5 and newer. */
    public FfmpegCommand withVersion(FfmpegVersion release) {
        this.stimeout = release != null && release.hasStimeout();
        return this;
    }

    /**
     * For an FFmpeg that cannot resolve host names: the gateway looks the source's host up with
     * {@code lookup} and hands FFmpeg the address (HTTP keeps the name in its {@code Host} header).
     */
    public FfmpegCommand withHostLookup(SourceUrl.Resolver lookup) {
        this.resolver = lookup;
        return this;
    }

    /** Words that go before the executable, e.g. {@link StaticBuildGuard#prefix}. */
    public FfmpegCommand withPrefix(List<String> words) {
        this.prefix = List.copyOf(words);
        return this;
    }

    /** How this FFmpeg is invoked: the prefix, if any, and the executable. */
    public List<String> invocation() {
        List<String> words = new ArrayList<>(prefix);
        words.add(executable);
        return words;
    }

    public List<String> build(TranscodeSpec spec, Path outputDir, String run) {
        return build(spec, outputDir, run, false);
    }

    /**
     * @param fmp4 fragmented MP4 segments instead of MPEG-TS: for HEVC sources that are copied, which
     *             players (Safari, ExoPlayer, hls.js where the browser decodes HEVC) play only as fMP4
     */
    public List<String> build(TranscodeSpec spec, Path outputDir, String run, boolean fmp4) {
        List<String> args = invocation();
        args.addAll(List.of("-nostdin", "-hide_banner", "-nostats", "-loglevel", "level+info"));
        args.addAll(input(spec));
        args.addAll(List.of("-map", "0:v:0"));
        if (spec.audio() != AudioMode.NONE) {
            args.addAll(List.of("-map", "0:a:0?"));
        }
        args.addAll(videoCodec(spec));
        args.addAll(audioCodec(spec.audio()));
        args.addAll(List.of(
                "-f", "hls",
                "-hls_time", Integer.toString(segmentSeconds),
                "-hls_list_size", Integer.toString(playlistSize),
                // a segment stays on disk for its own duration plus the playlist's after it leaves the list (RFC 8216, 6.2.2)
                "-hls_delete_threshold", Integer.toString(playlistSize + 1),
                "-hls_flags", "delete_segments+independent_segments+omit_endlist+temp_file",
                "-hls_segment_type", fmp4 ? "fmp4" : "mpegts"));
        if (fmp4) {
            args.addAll(List.of("-tag:v", "hvc1", "-hls_fmp4_init_filename", run + "-init.mp4",
                    "-hls_segment_filename", outputDir.resolve(run + "-%d.m4s").toString()));
        } else {
            args.addAll(List.of("-hls_segment_filename", outputDir.resolve(run + "-%d.ts").toString()));
        }
        args.add(outputDir.resolve(PLAYLIST).toString());
        return List.copyOf(args);
    }

    /**
     * For the gateway's own packager ({@code HLS_LL}): the same input, video and audio as {@link #build}, written as
     * fragmented MP4 to stdout, a fragment at every keyframe and every {@link #PART_MICROS} µs in between.
     *
     * @param hvc1 tag HEVC {@code hvc1} (Safari and ExoPlayer play only that); only for HEVC that is copied
     */
    public List<String> buildFragmented(TranscodeSpec spec, boolean hvc1) {
        List<String> args = invocation();
        args.addAll(List.of("-nostdin", "-hide_banner", "-nostats", "-loglevel", "level+info"));
        List<String> input = new ArrayList<>(input(spec));
        // no 20 frames of frame-rate probing (0.8 s at 25 fps) before the first output: the codec parameters are
        // still waited for, and a part goes out at the first keyframe (plain HLS waits for a whole segment anyway)
        input.addAll(input.lastIndexOf("-i"), List.of("-fpsprobesize", "0"));
        args.addAll(input);
        args.addAll(List.of("-map", "0:v:0"));
        if (spec.audio() != AudioMode.NONE) {
            args.addAll(List.of("-map", "0:a:0?"));
        }
        args.addAll(videoCodec(spec));
        args.addAll(audioCodec(spec.audio()));
        if (hvc1) {
            args.addAll(List.of("-tag:v", "hvc1"));
        }
        args.addAll(List.of("-f", "mp4", "-movflags", "+frag_keyframe+empty_moov+default_base_moof",
                "-frag_duration", Integer.toString(PART_MICROS), "-flush_packets", "1", "pipe:1"));
        return List.copyOf(args);
    }

    /** Connects once, decodes one video frame (or a second of audio) and exits: a probe of the source. */
    public List<String> probe(TranscodeSpec spec) {
        List<String> args = invocation();
        args.addAll(List.of("-nostdin", "-hide_banner", "-nostats", "-loglevel", "level+info"));
        args.addAll(input(spec));
        args.addAll(List.of("-map", "0", "-t", "1", "-frames:v", "1", "-f", "null", "-"));
        return List.copyOf(args);
    }

    /**
     * The input options and {@code -i URL}.
     *
     * @throws StartFailedException when the gateway resolves host names for FFmpeg and the source's host has none
     */
    private List<String> input(TranscodeSpec spec) {
        String scheme = SourceUrl.scheme(spec.url());
        SourceUrl.Pinned source = pin(spec.url());
        List<String> options = new ArrayList<>(List.of("-protocol_whitelist", PROTOCOL_WHITELIST));
        options.addAll(inputOptions(scheme, spec));
        if (source.pinned() && ("http".equals(scheme) || "https".equals(scheme))) {
            options.addAll(List.of("-headers", "Host: " + source.hostHeader() + "\r\n"));
        }
        options.addAll(List.of("-i", source.url()));
        return options;
    }

    private SourceUrl.Pinned pin(String url) {
        if (resolver == null) {
            return new SourceUrl.Pinned(url, null);
        }
        try {
            return SourceUrl.pin(url, resolver);
        } catch (UnknownHostException e) {
            throw new StartFailedException(StartFailedException.Kind.SOURCE_FAILED,
                    "the source's host name cannot be resolved: " + SourceUrl.scrub(e.getMessage(), url));
        }
    }

    private List<String> inputOptions(String scheme, TranscodeSpec spec) {
        String timeoutMicros = Long.toString(sourceTimeoutSeconds * 1_000_000L);
        List<String> options = new ArrayList<>();
        switch (scheme == null ? "" : scheme) {
            case "rtsp", "rtsps" -> {
                options.addAll(List.of("-rtsp_transport", spec.rtspTransport().value()));
                // RTSP's socket I/O timeout (µs); ends FFmpeg when the camera goes silent. Before
                // FFmpeg 5 it was -stimeout (an int), and -timeout made RTSP listen for a connection.
                if (stimeout) {
                    options.addAll(List.of("-stimeout",
                            Long.toString(Math.min(sourceTimeoutSeconds * 1_000_000L, Integer.MAX_VALUE))));
                } else {
                    options.addAll(List.of("-timeout", timeoutMicros));
                }
            }
            case "udp", "rtp" -> options.addAll(List.of("-timeout", timeoutMicros));
            // rtmp's own -timeout means "listen"; rw_timeout is the generic I/O timeout (µs)
            default -> options.addAll(List.of("-rw_timeout", timeoutMicros));
        }
        if ("http".equals(scheme) || "https".equals(scheme)) {
            options.addAll(List.of("-reconnect", "1", "-reconnect_streamed", "1", "-reconnect_delay_max", "2"));
        }
        options.addAll(List.of("-fflags", "+genpts"));
        return options;
    }

    private List<String> videoCodec(TranscodeSpec spec) {
        if (spec.video() != VideoMode.H264) {
            return List.of("-c:v", "copy");
        }
        List<String> codec = new ArrayList<>(List.of("-c:v", h264Encoder));
        if ("libx264".equals(h264Encoder)) {
            codec.addAll(List.of("-preset", "veryfast", "-tune", "zerolatency", "-sc_threshold", "0"));
        }
        codec.addAll(List.of("-pix_fmt", "yuv420p",
                // a keyframe at every segment boundary: short GOP, fast starts
                "-force_key_frames", "expr:gte(t,n_forced*" + segmentSeconds + ")"));
        if (spec.videoHeight() != null) {
            codec.addAll(List.of("-vf", "scale=-2:" + spec.videoHeight()));
        }
        if (spec.videoBitrate() != null) {
            int kbps = spec.videoBitrate();
            codec.addAll(List.of("-b:v", kbps + "k", "-maxrate", kbps + "k", "-bufsize", 2 * kbps + "k"));
        }
        return codec;
    }

    private static List<String> audioCodec(AudioMode mode) {
        return switch (mode) {
            case AAC -> List.of("-c:a", "aac", "-b:a", "96k");
            case COPY -> List.of("-c:a", "copy");
            case NONE -> List.of("-an");
        };
    }
}
