package org.hlsgateway.channels.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hlsgateway.channels.entity.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.hlsgateway.api.FieldError;

class ChannelValidatorTest {

    /** The hand-written nickname check agrees with the regular expression that states the rule. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"a", "cam1", "cam_1-x", "0", "-cam", "_cam", "Cam", "cam 1",
            "cam.1", "", "é", "a234567890123456789012345678901234567890123456789012345678901234",
            "a2345678901234567890123456789012345678901234567890123456789012345", "x/y", "..", "cam1\n"})
    void theNicknameCheckFollowsTheRule(String value) {
        org.junit.jupiter.api.Assertions.assertEquals(ChannelValidator.NICKNAME.matcher(value).matches(),
                ChannelValidator.isNickname(value), value);
    }

    private static Channel channel(String nickname, String name, String url) {
        Channel channel = new Channel();
        channel.setNickname(nickname);
        channel.setName(name);
        channel.setUrl(url);
        return channel;
    }

    private static Set<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).collect(Collectors.toSet());
    }

    static Stream<String> validNicknames() {
        return Stream.of("cam1", "a", "0_x-y", "a" + "b".repeat(63));
    }

    @ParameterizedTest
    @MethodSource("validNicknames")
    void acceptsValidNicknames(String nickname) {
        assertTrue(ChannelValidator.isNickname(nickname));
        assertTrue(ChannelValidator.check(channel(nickname, "Cam", "rtsp://cam/x")).isEmpty());
    }

    static Stream<String> invalidNicknames() {
        return Stream.of("Cam1", "-x", "_x", "a" + "b".repeat(64), "a b", "a/b", "<script>", "cam1\n", "..", "cäm");
    }

    @ParameterizedTest
    @MethodSource("invalidNicknames")
    void rejectsInvalidNicknames(String nickname) {
        assertFalse(ChannelValidator.isNickname(nickname));
        assertEquals(Set.of("nickname"), fields(ChannelValidator.check(channel(nickname, "Cam", "rtsp://cam/x"))));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsMissingNickname(String nickname) {
        assertFalse(ChannelValidator.isNickname(nickname));
        assertEquals(Set.of("nickname"), fields(ChannelValidator.check(channel(nickname, "Cam", "rtsp://cam/x"))));
    }

    @Test
    void sixtyFourCharactersIsTheLimit() {
        assertEquals(64, validNicknames().reduce((a, b) -> b).orElseThrow().length());
        assertTrue(ChannelValidator.isNickname("x".repeat(64)));
        assertFalse(ChannelValidator.isNickname("x".repeat(65)));
    }

    @Test
    void defaultsOfANewChannelAreValid() {
        Channel channel = channel("cam1", null, "rtsp://cam.local/stream");

        assertTrue(ChannelValidator.check(channel).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\nbreak", "tab\there", "bell\u0007", "del\u007f"})
    void rejectsControlCharactersInName(String name) {
        assertEquals(Set.of("name"), fields(ChannelValidator.check(channel("cam1", name, "rtsp://cam/x"))));
    }

    @Test
    void rejectsOverlongName() {
        assertEquals(Set.of("name"), fields(ChannelValidator.check(channel("cam1", "n".repeat(201), "rtsp://cam/x"))));
        assertTrue(ChannelValidator.check(channel("cam1", "n".repeat(200), "rtsp://cam/x")).isEmpty());
    }

    @Test
    void requireFillsAMissingNameFromTheNickname() {
        Channel channel = channel("cam1", null, "rtsp://cam.local/stream");

        ChannelValidator.require(channel);

        assertEquals("cam1", channel.getName());
    }

    @Test
    void requireFillsABlankNameAndStripsAGivenOne() {
        Channel blank = channel("cam1", "   ", "rtsp://cam.local/stream");
        Channel padded = channel("cam2", "  Front door  ", "rtsp://cam.local/stream");

        ChannelValidator.require(blank);
        ChannelValidator.require(padded);

        assertEquals("cam1", blank.getName());
        assertEquals("Front door", padded.getName());
    }

    @Test
    void requireAcceptsAValidChannel() {
        assertDoesNotThrow(() -> ChannelValidator.require(channel("cam1", "Cam", "rtsp://user:pw@cam.local:554/x")));
    }

    @Test
    void requireNamesEveryBadField() {
        Channel channel = channel("Bad Nick", "x".repeat(201), "file:///etc/passwd");
        channel.setRtspTransport(null);
        channel.setAudio(null);
        channel.setVideo(null);

        InvalidChannelException e = assertThrows(InvalidChannelException.class, () -> ChannelValidator.require(channel));

        assertEquals(Set.of("nickname", "name", "url", "rtspTransport", "audio", "video"), fields(e.errors()));
        for (FieldError error : e.errors()) {
            assertTrue(e.getMessage().contains(error.field() + ": "), e.getMessage());
            assertFalse(error.message().isBlank());
        }
    }

    @Test
    void requireReportsOnlyTheBadField() {
        InvalidChannelException e = assertThrows(InvalidChannelException.class,
                () -> ChannelValidator.require(channel("cam1", "Cam", "pipe:0")));

        assertEquals(List.of("url"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void errorsListIsImmutable() {
        InvalidChannelException e = new InvalidChannelException("url", "bad");

        assertThrows(UnsupportedOperationException.class, () -> e.errors().add(new FieldError("x", "y")));
        assertEquals("url: bad", e.getMessage());
    }
}
