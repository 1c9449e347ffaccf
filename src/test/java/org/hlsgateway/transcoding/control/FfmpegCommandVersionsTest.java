package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import org.hlsgateway.transcoding.entity.AudioMode;
import org.hlsgateway.transcoding.entity.RtspTransport;
import org.hlsgateway.transcoding.entity.VideoMode;
import org.hlsgateway.transcoding.entity.TranscodeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command lines that differ by FFmpeg release, and for an FFmpeg that cannot resolve host names. */
class FfmpegCommandVersionsTest {

    private static final Path OUT = Path.of("/var/hls/cam1-abc");
    private static final FfmpegVersion FFMPEG_44 = FfmpegVersion.parse("ffmpeg version 4.4.1-static").orElseThrow();

    private static FfmpegCommand command(String version) {
        return new FfmpegCommand("ffmpeg", 1, 6, 5)
                .withVersion(FfmpegVersion.parse("ffmpeg version " + version).orElseThrow());
    }

    private static TranscodeSpec spec(String url) {
        return new TranscodeSpec("cam1", url, RtspTransport.TCP, AudioMode.AAC, VideoMode.COPY);
    }

    private static String valueOf(List<String> args, String option) {
        int i = args.indexOf(option);
        assertTrue(i >= 0 && i <= args.indexOf("-i"), () -> option + " missing before the input in " + args);
        return args.get(i + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtsp://cam.local/x", "rtsps://cam.local/x"})
    void ffmpeg4GetsRtspsSocketTimeoutAsStimeoutNeverTimeoutWhichWouldListen(String url) {
        FfmpegCommand command = command("4.4.1-static");

        for (List<String> args : List.of(command.build(spec(url), OUT, "r1"), command.probe(spec(url)))) {
            assertEquals("5000000", valueOf(args, "-stimeout"));
            assertFalse(args.contains("-timeout"), args::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "5.1.9-0+deb12u1", "6.1.1", "n7.1", "N-112345-g0123abcd"})
    void ffmpeg5AndNewerGetRtspsSocketTimeoutAsTimeout(String version) {
        List<String> args = command(version).build(spec("rtsp://cam.local/x"), OUT, "r1");

        assertEquals("5000000", valueOf(args, "-timeout"));
        assertFalse(args.contains("-stimeout"), args::toString);
    }

    @Test
    void withoutAKnownVersionTheCurrentOptionsAreUsed() {
        List<String> args = new FfmpegCommand("ffmpeg", 1, 6, 5).build(spec("rtsp://cam.local/x"), OUT, "r1");

        assertEquals("5000000", valueOf(args, "-timeout"));
    }

    @Test
    void stimeoutIsAnIntSoAVeryLongTimeoutIsCapped() {
        List<String> args = new FfmpegCommand("ffmpeg", 1, 6, 3600).withVersion(FFMPEG_44).build(spec("rtsp://h/x"), OUT, "r1");

        assertEquals(Integer.toString(Integer.MAX_VALUE), valueOf(args, "-stimeout"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp://239.0.0.1:1234", "rtp://239.0.0.1:5004"})
    void udpAndRtpTimeoutIsTheSameOptionInEveryRelease(String url) {
        for (String version : List.of("4.4.1", "5.1.9", "7.1")) {
            assertEquals("5000000", valueOf(command(version).build(spec(url), OUT, "r1"), "-timeout"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://cam.local/live.ts", "rtmp://cam.local/live/key", "srt://cam.local:9000"})
    void otherSourcesGetRwTimeoutInEveryRelease(String url) {
        for (String version : List.of("4.4.1", "5.1.9", "7.1")) {
            List<String> args = command(version).build(spec(url), OUT, "r1");
            assertEquals("5000000", valueOf(args, "-rw_timeout"));
            assertFalse(args.contains("-timeout") || args.contains("-stimeout"), args::toString);
        }
    }

    @Test
    void theOutputOptionsAreTheSameForEveryRelease() {
        List<String> old = command("4.4.1").build(spec("rtsp://h/x"), OUT, "r1", true);
        List<String> current = command("7.1").build(spec("rtsp://h/x"), OUT, "r1", true);

        assertEquals(old.subList(old.indexOf("-i"), old.size()), current.subList(current.indexOf("-i"), current.size()));
    }

    @Test
    void anFfmpegThatCannotResolveNamesGetsTheAddressTheGatewayLookedUp() {
        FfmpegCommand command = command("4.4.1").withHostLookup(host -> address("cam.local", "192.0.2.7"));

        List<String> args = command.build(spec("rtsp://admin:secret@cam.local:8554/stream?x=1"), OUT, "r1");

        assertEquals("rtsp://admin:secret@192.0.2.7:8554/stream?x=1", valueOf(args, "-i"));
        assertFalse(args.contains("-headers"), "RTSP gets no HTTP header: " + args);
        assertEquals("rtsp://admin:secret@192.0.2.7:8554/stream?x=1",
                valueOf(command.probe(spec("rtsp://admin:secret@cam.local:8554/stream?x=1")), "-i"));
    }

    @Test
    void httpKeepsTheHostNameInItsHostHeader() {
        FfmpegCommand command = command("4.4.1").withHostLookup(host -> address(host, "192.0.2.8"));

        List<String> args = command.build(spec("https://media.example:8443/live/index.m3u8"), OUT, "r1");

        assertEquals("https://192.0.2.8:8443/live/index.m3u8", valueOf(args, "-i"));
        assertEquals("Host: media.example:8443\r\n", valueOf(args, "-headers"));
    }

    @Test
    void aSourceThatNamesAnAddressIsLeftAsItIs() {
        FfmpegCommand command = command("4.4.1").withHostLookup(host -> {
            throw new AssertionError("no lookup for an address: " + host);
        });

        assertEquals("rtsp://127.0.0.1:8554/cam", valueOf(command.build(spec("rtsp://127.0.0.1:8554/cam"), OUT, "r1"), "-i"));
        assertEquals("udp://@:1234", valueOf(command.build(spec("udp://@:1234"), OUT, "r1"), "-i"));
    }

    @Test
    void aHostThatDoesNotResolveIsASourceFailureThatNamesIt() {
        FfmpegCommand command = command("4.4.1").withHostLookup(host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        });

        StartFailedException failure = assertThrows(StartFailedException.class,
                () -> command.build(spec("rtsp://user:pw@nowhere.invalid/x"), OUT, "r1"));

        assertEquals(StartFailedException.Kind.SOURCE_FAILED, failure.kind());
        assertTrue(failure.getMessage().contains("nowhere.invalid") && failure.getMessage().contains("cannot be resolved"),
                failure.getMessage());
        assertThrows(StartFailedException.class, () -> command.probe(spec("rtsp://nowhere.invalid/x")));
    }

    @Test
    void anFfmpegThatResolvesNamesGetsTheNameUnchanged() {
        List<String> args = command("5.1.9").build(spec("rtsp://cam.local/x"), OUT, "r1");

        assertEquals("rtsp://cam.local/x", valueOf(args, "-i"));
    }

    private static InetAddress address(String host, String ip) throws UnknownHostException {
        return InetAddress.getByAddress(host, InetAddress.getByName(ip).getAddress());
    }
}
