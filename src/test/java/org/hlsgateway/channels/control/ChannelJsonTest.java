package org.hlsgateway.channels.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.hlsgateway.transcoding.entity.AudioMode;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.transcoding.entity.Packaging;
import org.hlsgateway.transcoding.entity.RtspTransport;
import org.hlsgateway.transcoding.entity.VideoMode;
import org.hlsgateway.transcoding.entity.TranscoderState;
import org.hlsgateway.transcoding.entity.TranscoderStatus;
import org.junit.jupiter.api.Test;
import org.hlsgateway.api.FieldError;

class ChannelJsonTest {

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text.replace('\'', '"')))) {
            return reader.readObject();
        }
    }

    private static InvalidChannelException invalid(String text) {
        JsonObject body = json(text);
        return assertThrows(InvalidChannelException.class, () -> ChannelJson.read(body));
    }

    private static FieldError errorOf(InvalidChannelException e, String field) {
        return e.errors().stream().filter(err -> err.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + field + " in " + e.errors()));
    }

    private static Set<String> fields(InvalidChannelException e) {
        return e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
    }

    @Test
    void readsAMinimalBodyWithDefaults() {
        Channel channel = ChannelJson.read(json("{'nickname':'cam1','url':'rtsp://cam.local/stream'}"));

        assertEquals("cam1", channel.getNickname());
        assertEquals("rtsp://cam.local/stream", channel.getUrl());
        assertNull(channel.getName());
        assertEquals(RtspTransport.TCP, channel.getRtspTransport());
        assertEquals(AudioMode.AAC, channel.getAudio());
        assertEquals(VideoMode.COPY, channel.getVideo());
        assertEquals(Packaging.DEFAULT, channel.getPackaging());
    }

    @Test
    void packagingIsLlTsOrTheGatewayDefault() {
        assertEquals(Packaging.LL, ChannelJson.read(json("{'nickname':'cam1','url':'rtsp://cam/x','packaging':'ll'}"))
                .getPackaging());
        assertEquals(Packaging.TS, ChannelJson.read(json("{'nickname':'cam1','url':'rtsp://cam/x','packaging':'TS'}"))
                .getPackaging());
        assertEquals(Packaging.DEFAULT, ChannelJson.read(json("{'nickname':'cam1','url':'rtsp://cam/x','packaging':null}"))
                .getPackaging());
        InvalidChannelException e = invalid("{'nickname':'cam1','url':'rtsp://cam/x','packaging':'fmp4'}");
        assertEquals(Set.of("packaging"), fields(e));
        String message = errorOf(e, "packaging").message();
        assertTrue(message.contains("ll") && message.contains("ts") && message.contains("default"), message);
    }

    @Test
    void readsEveryField() {
        Channel channel = ChannelJson.read(json("{'nickname':'cam1','name':'Front door','url':'rtsp://cam/x',"
                + "'rtspTransport':'udp','audio':'none','video':'h264'}"));

        assertEquals("Front door", channel.getName());
        assertEquals(RtspTransport.UDP, channel.getRtspTransport());
        assertEquals(AudioMode.NONE, channel.getAudio());
        assertEquals(VideoMode.H264, channel.getVideo());
    }

    @Test
    void enumValuesIgnoreCase() {
        Channel channel = ChannelJson.read(json("{'nickname':'cam1','url':'rtsp://cam/x','audio':'COPY'}"));

        assertEquals(AudioMode.COPY, channel.getAudio());
    }

    @Test
    void nullMeansDefault() {
        Channel channel = ChannelJson.read(json("{'nickname':'cam1','url':'rtsp://cam/x','video':null}"));

        assertEquals(VideoMode.COPY, channel.getVideo());
    }

    @Test
    void readOnlyFieldsOfAnEarlierAnswerAreIgnored() {
        Channel channel = ChannelJson.read(json("{'nickname':'cam1','url':'rtsp://cam/x','state':'LIVE','viewers':3,"
                + "'watchUrl':'http://x/watch/cam1'}"));

        assertEquals("cam1", channel.getNickname());
    }

    @Test
    void unknownFieldIsNamed() {
        InvalidChannelException e = invalid("{'nickname':'cam1','url':'rtsp://cam/x','colour':'red'}");

        assertEquals(Set.of("colour"), fields(e));
        assertTrue(errorOf(e, "colour").message().contains("colour"));
    }

    @Test
    void wrongTypeIsNamed() {
        InvalidChannelException e = invalid("{'nickname':42,'url':'rtsp://cam/x'}");

        assertEquals(Set.of("nickname"), fields(e));
        assertTrue(errorOf(e, "nickname").message().contains("string"), errorOf(e, "nickname").message());
    }

    @Test
    void wrongTypeOfAnOptionIsNamed() {
        InvalidChannelException e = invalid("{'nickname':'cam1','url':'rtsp://cam/x','audio':true}");

        assertEquals(Set.of("audio"), fields(e));
    }

    @Test
    void badEnumValueListsTheAllowedValues() {
        InvalidChannelException e = invalid("{'nickname':'cam1','url':'rtsp://cam/x','rtspTransport':'sctp'}");

        assertEquals(Set.of("rtspTransport"), fields(e));
        String message = errorOf(e, "rtspTransport").message();
        assertTrue(message.contains("tcp") && message.contains("udp"), message);
    }

    @Test
    void severalBadFieldsAreReportedTogether() {
        InvalidChannelException e = invalid("{'nickname':'Bad Nick','url':'file:///etc/passwd','audio':'mp3',"
                + "'video':7,'extra':1}");

        assertEquals(Set.of("nickname", "url", "audio", "video", "extra"), fields(e));
        assertEquals(e.errors().size(), fields(e).size(), () -> "one error per field: " + e.errors());
    }

    @Test
    void writeMasksCredentials() {
        Channel channel = new Channel();
        channel.setNickname("cam1");
        channel.setName("Cam");
        channel.setUrl("rtsp://admin:hunter2@cam.local/stream");
        TranscoderStatus status = new TranscoderStatus(TranscoderState.LIVE, null, Instant.ofEpochSecond(10),
                null, 2, 123L);

        JsonObject json = ChannelJson.write(channel, status, "http://gw/hls_gateway/watch/cam1");

        assertEquals("rtsp://admin:***@cam.local/stream", json.getString("url"));
        assertFalse(json.toString().contains("hunter2"), json::toString);
        assertEquals("cam1", json.getString("nickname"));
        assertEquals("tcp", json.getString("rtspTransport"));
        assertEquals("aac", json.getString("audio"));
        assertEquals("copy", json.getString("video"));
        assertEquals("LIVE", json.getString("state"));
        assertEquals(2, json.getInt("viewers"));
        assertEquals("1970-01-01T00:00:10Z", json.getString("startedAt"));
        assertTrue(json.isNull("lastError"));
        assertEquals("http://gw/hls_gateway/watch/cam1", json.getString("watchUrl"));
    }

    @Test
    void writtenJsonReadsBack() {
        Channel channel = new Channel();
        channel.setNickname("cam1");
        channel.setName("Cam");
        channel.setUrl("rtsp://cam.local/stream");
        channel.setAudio(AudioMode.NONE);

        JsonObject written = ChannelJson.write(channel, TranscoderStatus.idle(null, null), "http://gw/watch/cam1");
        Channel read = ChannelJson.read(written);

        assertEquals("cam1", read.getNickname());
        assertEquals(AudioMode.NONE, read.getAudio());
        assertEquals("rtsp://cam.local/stream", read.getUrl());
    }

    @Test
    void publicDefaultsToTheGivenDefault() {
        JsonObject body = json("{'nickname':'cam1','url':'rtsp://cam/x'}");

        assertTrue(ChannelJson.read(body, true).isPublicAccess());
        assertFalse(ChannelJson.read(body, false).isPublicAccess());
        assertFalse(ChannelJson.read(body).isPublicAccess(), "the one-argument read means protected");
    }

    @Test
    void nullPublicMeansTheDefault() {
        JsonObject body = json("{'nickname':'cam1','url':'rtsp://cam/x','public':null}");

        assertTrue(ChannelJson.read(body, true).isPublicAccess());
        assertFalse(ChannelJson.read(body, false).isPublicAccess());
    }

    @Test
    void publicIsRead() {
        Channel open = ChannelJson.read(json("{'nickname':'cam1','url':'rtsp://cam/x','public':true}"), false);
        Channel closed = ChannelJson.read(json("{'nickname':'cam1','url':'rtsp://cam/x','public':false}"), true);

        assertTrue(open.isPublicAccess());
        assertFalse(closed.isPublicAccess());
    }

    @Test
    void publicMustBeABoolean() {
        InvalidChannelException e = invalid("{'nickname':'cam1','url':'rtsp://cam/x','public':'yes'}");

        assertEquals(Set.of("public"), fields(e));
        String message = errorOf(e, "public").message();
        assertTrue(message.contains("public") && message.contains("true") && message.contains("false"), message);
    }

    @Test
    void publicAsANumberIsNamed() {
        InvalidChannelException e = invalid("{'nickname':'cam1','url':'rtsp://cam/x','public':1}");

        assertEquals(Set.of("public"), fields(e));
    }

    @Test
    void writeOutputsPublic() {
        Channel channel = new Channel();
        channel.setNickname("cam1");
        channel.setName("Cam");
        channel.setUrl("rtsp://cam.local/stream");
        channel.setPublicAccess(true);

        JsonObject open = ChannelJson.write(channel, TranscoderStatus.idle(null, null), "http://gw/watch/cam1");
        channel.setPublicAccess(false);
        JsonObject closed = ChannelJson.write(channel, TranscoderStatus.idle(null, null), "http://gw/watch/cam1");

        assertTrue(open.getBoolean("public"));
        assertFalse(closed.getBoolean("public"));
    }

    @Test
    void publicSurvivesAWriteAndReadBack() {
        Channel channel = new Channel();
        channel.setNickname("cam1");
        channel.setName("Cam");
        channel.setUrl("rtsp://cam.local/stream");
        channel.setPublicAccess(true);

        JsonObject written = ChannelJson.write(channel, TranscoderStatus.idle(null, null), "http://gw/watch/cam1");
        Channel read = ChannelJson.read(written, false);

        assertTrue(read.isPublicAccess());
    }
}
