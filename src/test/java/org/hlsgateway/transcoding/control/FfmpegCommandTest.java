package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.hlsgateway.transcoding.entity.AudioMode;
import org.hlsgateway.transcoding.entity.RtspTransport;
import org.hlsgateway.transcoding.entity.VideoMode;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FfmpegCommandTest {

    private static final String EXE = "/opt/ffmpeg/bin/ffmpeg";
    private static final int SEGMENT_SECONDS = 2;
    private static final int PLAYLIST_SIZE = 6;
    private static final int SOURCE_TIMEOUT_SECONDS = 5;
    private static final Path OUT = Path.of("/var/hls/cam1-abc");
    private static final String RUN = "abc123";

    private final FfmpegCommand command = new FfmpegCommand(EXE, SEGMENT_SECONDS, PLAYLIST_SIZE, SOURCE_TIMEOUT_SECONDS);

    private static TranscodeSpec spec(String url) {
        return new TranscodeSpec("cam1", url, RtspTransport.TCP, AudioMode.AAC, VideoMode.COPY);
    }

    private List<String> build(TranscodeSpec spec) {
        return command.build(spec, OUT, RUN);
    }

    /** The value that follows {@code option}; fails when the option is absent. */
    private static String valueOf(List<String> args, String option) {
        int i = args.indexOf(option);
        assertTrue(i >= 0 && i + 1 < args.size(), () -> option + " missing in " + args);
        return args.get(i + 1);
    }

    private static int inputIndex(List<String> args) {
        int i = args.indexOf("-i");
        assertTrue(i > 0, () -> "-i missing in " + args);
        return i;
    }

    @ParameterizedTest
    @EnumSource(RtspTransport.class)
    void rtspGetsTransportAndMicrosecondTimeoutBeforeInput(RtspTransport transport) {
        TranscodeSpec spec = new TranscodeSpec("cam1", "rtsp://cam.local:554/stream", transport, AudioMode.AAC, VideoMode.COPY);

        List<String> args = build(spec);

        int input = inputIndex(args);
        int transportAt = args.indexOf("-rtsp_transport");
        int timeoutAt = args.indexOf("-timeout");
        assertTrue(transportAt > 0 && transportAt < input, () -> "-rtsp_transport before -i: " + args);
        assertTrue(timeoutAt > 0 && timeoutAt < input, () -> "-timeout before -i: " + args);
        assertEquals(transport.value(), args.get(transportAt + 1));
        assertEquals("5000000", args.get(timeoutAt + 1));
        assertFalse(args.contains("-rw_timeout"));
    }

    @Test
    void rtspsIsTreatedAsRtsp() {
        List<String> args = build(spec("rtsps://cam.local/stream"));

        assertEquals("tcp", valueOf(args, "-rtsp_transport"));
        assertEquals("5000000", valueOf(args, "-timeout"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://cam.local/live.m3u8", "https://cam.local/live.m3u8", "rtmp://cam.local/live/key",
            "rtmps://cam.local/live/key", "srt://cam.local:9000"})
    void networkStreamsGetRwTimeoutAndNoRtspOptions(String url) {
        List<String> args = build(spec(url));

        int input = inputIndex(args);
        int rwAt = args.indexOf("-rw_timeout");
        assertTrue(rwAt > 0 && rwAt < input, () -> "-rw_timeout before -i: " + args);
        assertEquals("5000000", args.get(rwAt + 1));
        assertFalse(args.contains("-rtsp_transport"), args::toString);
        assertFalse(args.contains("-timeout"), args::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp://239.0.0.1:1234", "rtp://239.0.0.1:5004"})
    void udpAndRtpGetTimeout(String url) {
        List<String> args = build(spec(url));

        int input = inputIndex(args);
        int timeoutAt = args.indexOf("-timeout");
        assertTrue(timeoutAt > 0 && timeoutAt < input, () -> "-timeout before -i: " + args);
        assertEquals("5000000", args.get(timeoutAt + 1));
        assertFalse(args.contains("-rtsp_transport"));
        assertFalse(args.contains("-rw_timeout"));
    }

    @Test
    void httpReconnects() {
        List<String> args = build(spec("https://cam.local/live.m3u8"));

        assertEquals("1", valueOf(args, "-reconnect"));
    }

    @Test
    void firstElementIsTheExecutableAndStdinIsOff() {
        List<String> args = build(spec("rtsp://cam.local/stream"));

        assertEquals(EXE, args.get(0));
        assertTrue(args.contains("-nostdin"));
    }

    @Test
    void protocolWhitelistAllowsNoLocalOrPseudoProtocols() {
        List<String> args = build(spec("rtsp://cam.local/stream"));

        int at = args.indexOf("-protocol_whitelist");
        assertTrue(at > 0 && at < inputIndex(args), () -> "-protocol_whitelist before -i: " + args);
        List<String> protocols = Arrays.asList(args.get(at + 1).split(","));
        assertTrue(protocols.contains("tcp"), protocols::toString);
        for (String forbidden : List.of("file", "pipe", "concat", "subfile", "data", "fd", "cache")) {
            assertFalse(protocols.contains(forbidden), () -> forbidden + " is whitelisted: " + protocols);
        }
    }

    @Test
    void mapsFirstVideoAndOptionalFirstAudio() {
        List<String> args = build(spec("rtsp://cam.local/stream"));

        assertEquals(List.of("-map", "0:v:0"), args.subList(args.indexOf("0:v:0") - 1, args.indexOf("0:v:0") + 1));
        assertEquals("-map", args.get(args.indexOf("0:a:0?") - 1));
        assertTrue(args.indexOf("0:v:0") > inputIndex(args));
    }

    @Test
    void aacAudioIsEncoded() {
        List<String> args = build(new TranscodeSpec("cam1", "rtsp://h/x", RtspTransport.TCP, AudioMode.AAC, VideoMode.COPY));

        assertEquals("aac", valueOf(args, "-c:a"));
        assertFalse(args.contains("-an"));
    }

    @Test
    void copyAudioIsCopied() {
        List<String> args = build(new TranscodeSpec("cam1", "rtsp://h/x", RtspTransport.TCP, AudioMode.COPY, VideoMode.COPY));

        assertEquals("copy", valueOf(args, "-c:a"));
        assertTrue(args.contains("0:a:0?"));
        assertFalse(args.contains("-an"));
    }

    @Test
    void noAudioDropsAudioAndItsMap() {
        List<String> args = build(new TranscodeSpec("cam1", "rtsp://h/x", RtspTransport.TCP, AudioMode.NONE, VideoMode.COPY));

        assertTrue(args.contains("-an"));
        assertFalse(args.contains("0:a:0?"), args::toString);
        assertFalse(args.contains("-c:a"), args::toString);
    }

    @Test
    void copyVideoIsCopiedWithoutEncoderOptions() {
        List<String> args = build(new TranscodeSpec("cam1", "rtsp://h/x", RtspTransport.TCP, AudioMode.AAC, VideoMode.COPY));

        assertEquals("copy", valueOf(args, "-c:v"));
        assertFalse(args.contains("-force_key_frames"));
        assertFalse(args.contains("libx264"));
    }

    @Test
    void h264VideoIsEncodedWithKeyframesOnSegmentBoundaries() {
        List<String> args = build(new TranscodeSpec("cam1", "rtsp://h/x", RtspTransport.TCP, AudioMode.AAC, VideoMode.H264));

        assertEquals("libx264", valueOf(args, "-c:v"));
        String keyframes = valueOf(args, "-force_key_frames");
        assertTrue(keyframes.contains("n_forced*" + SEGMENT_SECONDS), keyframes);
    }

    @Test
    void hlsOutputOptions() {
        List<String> args = build(spec("rtsp://cam.local/stream"));

        assertEquals("hls", valueOf(args, "-f"));
        List<String> flags = Arrays.asList(valueOf(args, "-hls_flags").split("\\+"));
        assertTrue(flags.containsAll(List.of("delete_segments", "independent_segments", "omit_endlist", "temp_file")),
                flags::toString);
        assertEquals(Integer.toString(SEGMENT_SECONDS), valueOf(args, "-hls_time"));
        assertEquals(Integer.toString(PLAYLIST_SIZE), valueOf(args, "-hls_list_size"));
    }

    @Test
    void hlsTimeFollowsTheConfiguredSegmentLength() {
        List<String> args = new FfmpegCommand(EXE, 7, PLAYLIST_SIZE, SOURCE_TIMEOUT_SECONDS).build(spec("rtsp://h/x"), OUT, RUN);

        assertEquals("7", valueOf(args, "-hls_time"));
    }

    @Test
    void timeoutIsConvertedToMicroseconds() {
        List<String> args = new FfmpegCommand(EXE, 1, 6, 300).build(spec("rtsp://h/x"), OUT, RUN);

        assertEquals("300000000", valueOf(args, "-timeout"));
    }

    @Test
    void segmentsUseTheRunTokenAndThePlaylistIsLast() {
        List<String> args = build(spec("rtsp://cam.local/stream"));

        assertEquals(OUT.resolve("abc123-%d.ts").toString(), valueOf(args, "-hls_segment_filename"));
        assertEquals(OUT.resolve("index.m3u8").toString(), args.get(args.size() - 1));
        assertEquals("index.m3u8", FfmpegCommand.PLAYLIST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtsp://cam.local/my stream", "rtsp://cam.local/x;rm -rf /", "http://h/a?b=1&c=$(id)|x`y`"})
    void urlIsOneArgumentNeverSplit(String url) {
        List<String> args = build(spec(url));

        int input = inputIndex(args);
        assertEquals(url, args.get(input + 1));
        assertEquals(1, args.stream().filter(url::equals).count());
        assertFalse(args.contains("rm"));
    }

    @Test
    void resultIsImmutable() {
        List<String> args = build(spec("rtsp://cam.local/stream"));

        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> args.add("-y"));
    }

    @org.junit.jupiter.api.Test
    void anH264ProfileScalesCapsTheBitrateAndUsesTheEncoderThisFfmpegHas() {
        var spec = new org.hlsgateway.transcoding.entity.TranscodeSpec("cam1", "rtsp://h/x",
                org.hlsgateway.transcoding.entity.RtspTransport.TCP, org.hlsgateway.transcoding.entity.AudioMode.AAC,
                org.hlsgateway.transcoding.entity.VideoMode.H264, false, 480, 1200);
        var args = new FfmpegCommand("ffmpeg", 2, 6, 5).withH264Encoder("libopenh264")
                .build(spec, java.nio.file.Path.of("/tmp/out"), "run1");

        int codec = args.indexOf("-c:v");
        org.junit.jupiter.api.Assertions.assertEquals("libopenh264", args.get(codec + 1));
        org.junit.jupiter.api.Assertions.assertEquals("scale=-2:480", args.get(args.indexOf("-vf") + 1));
        org.junit.jupiter.api.Assertions.assertEquals("1200k", args.get(args.indexOf("-b:v") + 1));
        org.junit.jupiter.api.Assertions.assertEquals("2400k", args.get(args.indexOf("-bufsize") + 1));
        org.junit.jupiter.api.Assertions.assertEquals("expr:gte(t,n_forced*2)", args.get(args.indexOf("-force_key_frames") + 1));
        org.junit.jupiter.api.Assertions.assertFalse(args.contains("-preset"), "x264 options are not given to openh264");
    }

    @org.junit.jupiter.api.Test
    void hevcCopiesGoIntoFragmentedMp4WithAnHvc1TagAndRunNamedFiles() {
        var spec = new org.hlsgateway.transcoding.entity.TranscodeSpec("cam1", "udp://127.0.0.1:5000",
                org.hlsgateway.transcoding.entity.RtspTransport.TCP, org.hlsgateway.transcoding.entity.AudioMode.AAC,
                org.hlsgateway.transcoding.entity.VideoMode.COPY);
        var args = new FfmpegCommand("ffmpeg", 1, 6, 5).build(spec, java.nio.file.Path.of("/tmp/out"), "run1", true);

        org.junit.jupiter.api.Assertions.assertEquals("fmp4", args.get(args.indexOf("-hls_segment_type") + 1));
        org.junit.jupiter.api.Assertions.assertEquals("run1-init.mp4", args.get(args.indexOf("-hls_fmp4_init_filename") + 1));
        org.junit.jupiter.api.Assertions.assertEquals("/tmp/out/run1-%d.m4s", args.get(args.indexOf("-hls_segment_filename") + 1));
        org.junit.jupiter.api.Assertions.assertEquals("hvc1", args.get(args.indexOf("-tag:v") + 1));
        org.junit.jupiter.api.Assertions.assertEquals("/tmp/out/index.m3u8", args.get(args.size() - 1));
    }

    @Test
    void fragmentedOutputGoesToStdoutInPartsWithTheSameInputAndCodecs() {
        TranscodeSpec spec = new TranscodeSpec("cam1", "rtsp://h/x", RtspTransport.TCP, AudioMode.AAC, VideoMode.H264);
        List<String> plain = build(spec);
        List<String> args = command.buildFragmented(spec, false);

        assertEquals("mp4", valueOf(args, "-f"));
        List<String> flags = Arrays.asList(valueOf(args, "-movflags").split("\\+"));
        assertTrue(flags.containsAll(List.of("frag_keyframe", "empty_moov", "default_base_moof")), flags::toString);
        assertEquals(Integer.toString(FfmpegCommand.PART_MICROS), valueOf(args, "-frag_duration"));
        assertEquals("pipe:1", args.get(args.size() - 1));
        List<String> withoutProbe = new java.util.ArrayList<>(args);
        int probe = withoutProbe.indexOf("-fpsprobesize");
        assertTrue(probe > 0 && probe < inputIndex(args), "frame-rate probing off, an input option: " + args);
        assertEquals("0", withoutProbe.remove(probe + 1));
        withoutProbe.remove(probe);
        assertEquals(plain.subList(0, plain.indexOf("-f")), withoutProbe.subList(0, withoutProbe.indexOf("-f")),
                "input, maps, video and audio as for plain HLS");
        assertFalse(args.contains("-tag:v"));
        assertFalse(args.stream().anyMatch(a -> a.startsWith(OUT.toString())), "nothing written to disk");
    }

    @Test
    void fragmentedHevcIsTaggedHvc1WhenAsked() {
        List<String> args = command.buildFragmented(spec("rtsp://h/x"), true);

        assertEquals("hvc1", valueOf(args, "-tag:v"));
        assertEquals("copy", valueOf(args, "-c:v"));
    }
}
