package org.hlsgateway.channels.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hlsgateway.api.JsonBuilders;
import org.hlsgateway.transcoding.entity.AudioMode;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.transcoding.entity.RtspTransport;
import org.hlsgateway.transcoding.entity.Packaging;
import org.hlsgateway.transcoding.entity.VideoMode;
import org.hlsgateway.transcoding.entity.InputStreams;
import org.hlsgateway.transcoding.entity.TranscoderStatus;
import org.hlsgateway.transcoding.control.SourceUrl;
import org.hlsgateway.api.FieldError;

/** Reads channels from and writes them to the API's JSON. Source credentials never leave masked. */
public final class ChannelJson {

    private static final Set<String> FIELDS = Set.of("nickname", "name", "url", "rtspTransport", "audio", "video", "public",
            "group", "logo", "tvgId", "tvgName", "sortOrder", "videoHeight", "videoBitrate", "packaging");

    private ChannelJson() {
    }

    /** The request body as a JSON object; anything else (or none) is refused with an example. */
    public static JsonObject body(JsonValue json) {
        if (json instanceof JsonObject o) {
            return o;
        }
        throw new InvalidChannelException("body", "a JSON object is required, e.g. {\"nickname\":\"cam1\",\"url\":\"rtsp://...\"}");
    }

    public static Channel read(JsonObject body) {
        return read(body, false);
    }

    /** Parses a request body; every problem is reported with its field name. */
    public static Channel read(JsonObject body, boolean publicByDefault) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key) && !isReadOnly(key)) {
                errors.add(new FieldError(key, "unknown field '" + key + "'; allowed: " + String.join(", ", FIELDS.stream().sorted().toList())));
            }
        }
        Channel channel = new Channel();
        channel.setNickname(text(body, "nickname", errors));
        channel.setName(text(body, "name", errors));
        channel.setUrl(text(body, "url", errors));
        channel.setRtspTransport(option(body, "rtspTransport", RtspTransport.class, RtspTransport.TCP, errors));
        channel.setAudio(option(body, "audio", AudioMode.class, AudioMode.AAC, errors));
        channel.setVideo(option(body, "video", VideoMode.class, VideoMode.COPY, errors));
        channel.setPackaging(option(body, "packaging", Packaging.class, Packaging.DEFAULT, errors));
        channel.setPublicAccess(flag(body, "public", publicByDefault, errors));
        channel.setGroupTitle(text(body, "group", errors));
        channel.setLogo(text(body, "logo", errors));
        channel.setTvgId(text(body, "tvgId", errors));
        channel.setTvgName(text(body, "tvgName", errors));
        channel.setSortOrder(whole(body, "sortOrder", errors));
        channel.setVideoHeight(body.containsKey("videoHeight") && !body.isNull("videoHeight") ? whole(body, "videoHeight", errors) : null);
        channel.setVideoBitrate(body.containsKey("videoBitrate") && !body.isNull("videoBitrate") ? whole(body, "videoBitrate", errors) : null);
        if (!errors.isEmpty()) {
            // report the other fields' problems in the same answer
            Set<String> reported = new java.util.HashSet<>();
            errors.forEach(e -> reported.add(e.field()));
            ChannelValidator.check(channel).stream().filter(e -> !reported.contains(e.field())).forEach(errors::add);
            throw new InvalidChannelException(errors);
        }
        return channel;
    }

    public static JsonObject write(Channel channel, TranscoderStatus status, String watchUrl) {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("nickname", channel.getNickname())
                .add("name", channel.getName())
                .add("url", SourceUrl.masked(channel.getUrl()))
                .add("rtspTransport", channel.getRtspTransport().value())
                .add("audio", channel.getAudio().value())
                .add("video", channel.getVideo().value())
                .add("packaging", channel.getPackaging().value())
                .add("public", channel.isPublicAccess())
                .add("sortOrder", channel.getSortOrder())
                .add("watchUrl", watchUrl)
                .add("state", status.state().name())
                .add("viewers", status.viewers());
        add(json, "videoHeight", channel.getVideoHeight());
        add(json, "videoBitrate", channel.getVideoBitrate());
        add(json, "group", channel.getGroupTitle());
        add(json, "logo", channel.getLogo());
        add(json, "tvgId", channel.getTvgId());
        add(json, "tvgName", channel.getTvgName());
        add(json, "lastError", status.lastError());
        add(json, "node", status.node()); // cluster mode: the URL of the node that runs it, when that is another
        add(json, "uptimeSeconds", status.uptimeSeconds());
        InputStreams in = status.input() == null ? InputStreams.UNKNOWN : status.input();
        JsonObjectBuilder input = JsonBuilders.object();
        add(input, "videoCodec", in.videoCodec());
        add(input, "width", in.width());
        add(input, "height", in.height());
        add(input, "fps", in.fps());
        add(input, "audioCodec", in.audioCodec());
        add(input, "sampleRate", in.sampleRate());
        add(input, "bitrateKbps", in.bitrateKbps());
        input.add("summary", in.summary());
        json.add("input", input);
        add(json, "startedAt", status.startedAt());
        add(json, "lastAccessAt", status.lastAccessAt());
        add(json, "createdAt", channel.getCreatedAt());
        add(json, "updatedAt", channel.getUpdatedAt());
        return json.build();
    }

    private static boolean isReadOnly(String key) {
        return Set.of("watchUrl", "state", "viewers", "lastError", "node", "startedAt", "lastAccessAt", "createdAt", "updatedAt",
                "uptimeSeconds", "input")
                .contains(key);
    }

    private static void add(JsonObjectBuilder json, String key, Object value) {
        if (value == null) {
            json.addNull(key);
        } else if (value instanceof Integer number) {
            json.add(key, number);
        } else if (value instanceof Long number) {
            json.add(key, number);
        } else if (value instanceof Double number) {
            json.add(key, number);
        } else {
            json.add(key, value instanceof Instant i ? i.toString() : value.toString());
        }
    }

    private static int whole(JsonObject body, String key, List<FieldError> errors) {
        JsonValue value = body.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return 0;
        }
        if (value instanceof jakarta.json.JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                // reported below
            }
        }
        errors.add(new FieldError(key, key + " must be a whole number"));
        return 0;
    }

    private static boolean flag(JsonObject body, String key, boolean fallback, List<FieldError> errors) {
        JsonValue value = body.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        errors.add(new FieldError(key, key + " must be true or false"));
        return fallback;
    }

    private static String text(JsonObject body, String key, List<FieldError> errors) {
        JsonValue value = body.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        errors.add(new FieldError(key, key + " must be a string"));
        return null;
    }

    private static <E extends Enum<E>> E option(JsonObject body, String key, Class<E> type, E fallback,
                                                List<FieldError> errors) {
        String value = text(body, key, errors);
        if (value == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value.toUpperCase(Locale.ROOT))) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        errors.add(new FieldError(key, key + " must be one of " + String.join(", ", allowed)));
        return fallback;
    }
}
