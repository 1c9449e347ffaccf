package org.hlsgateway.channels.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.transcoding.control.SourceUrl;
import org.hlsgateway.api.FieldError;

/** Checks every user-supplied field of a channel before anything is stored or started. */
public final class ChannelValidator {

    public static final Pattern NICKNAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    public static final String NICKNAME_RULE = "nickname must match [a-z0-9][a-z0-9_-]{0,63}";
    public static final String NICKNAME_REQUIRED = "Nickname is required";
    /** What a person can act on, instead of the regular expression. */
    public static final String NICKNAME_HINT = "Nickname: use lower-case letters, digits, '-' or '_' (up to 64,"
            + " starting with a letter or digit)";
    public static final int MAX_NAME = 200;

    private ChannelValidator() {
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@link #NICKNAME}, checked by hand: it runs on every media request. */
    public static boolean isNickname(String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!letterOrDigit && (i == 0 || c != '_' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    /** Returns every problem of {@code channel}; empty when it may be stored. */
    public static List<FieldError> check(Channel channel) {
        List<FieldError> errors = new ArrayList<>();
        if (channel.getNickname() == null || channel.getNickname().isBlank()) {
            errors.add(new FieldError("nickname", NICKNAME_REQUIRED));
        } else if (!isNickname(channel.getNickname())) {
            errors.add(new FieldError("nickname", NICKNAME_HINT));
        }
        String name = channel.getName();
        if (name != null && name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "name must be at most " + MAX_NAME + " characters"));
        } else if (name != null && name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            errors.add(new FieldError("name", "name must not contain control characters"));
        }
        SourceUrl.problem(channel.getUrl()).ifPresent(p -> errors.add(new FieldError("url", p)));
        attribute(errors, "group", channel.getGroupTitle(), 100);
        attribute(errors, "tvgId", channel.getTvgId(), 100);
        attribute(errors, "tvgName", channel.getTvgName(), 200);
        String logo = channel.getLogo();
        if (logo != null && !logo.isEmpty()) {
            String scheme = SourceUrl.scheme(logo);
            if (logo.length() > SourceUrl.MAX_LENGTH || !("http".equals(scheme) || "https".equals(scheme))
                    || logo.chars().anyMatch(c -> c <= 0x20 || c == '"' || c == 0x7f)) {
                errors.add(new FieldError("logo", "logo must be an http(s) URL of at most " + SourceUrl.MAX_LENGTH
                        + " characters without spaces or quotes"));
            }
        }
        Integer height = channel.getVideoHeight();
        if (height != null && (height < 144 || height > 2160 || height % 2 != 0)) {
            errors.add(new FieldError("videoHeight", "videoHeight must be an even number of pixels from 144 to 2160"));
        }
        Integer bitrate = channel.getVideoBitrate();
        if (bitrate != null && (bitrate < 100 || bitrate > 50_000)) {
            errors.add(new FieldError("videoBitrate", "videoBitrate must be from 100 to 50000 kbit/s"));
        }
        if ((height != null || bitrate != null) && channel.getVideo() != org.hlsgateway.transcoding.entity.VideoMode.H264) {
            errors.add(new FieldError("video", "videoHeight and videoBitrate need video h264 (copy keeps the source's)"));
        }
        if (channel.getSortOrder() < 0 || channel.getSortOrder() > 1_000_000) {
            errors.add(new FieldError("sortOrder", "sortOrder must be between 0 and 1000000"));
        }
        if (channel.getRtspTransport() == null) {
            errors.add(new FieldError("rtspTransport", "rtspTransport must be tcp or udp"));
        }
        if (channel.getAudio() == null) {
            errors.add(new FieldError("audio", "audio must be aac, copy or none"));
        }
        if (channel.getVideo() == null) {
            errors.add(new FieldError("video", "video must be copy or h264"));
        }
        return errors;
    }

    /** M3U attribute values: no quotes (they would end the attribute), no control characters. */
    private static void attribute(List<FieldError> errors, String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, field + " must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '"')) {
            errors.add(new FieldError(field, field + " must not contain quotes or control characters"));
        }
    }

    /** Throws when {@code channel} is invalid; fills in the display name from the nickname. */
    public static void require(Channel channel) {
        if (channel.getName() == null || channel.getName().isBlank()) {
            channel.setName(channel.getNickname());
        } else {
            channel.setName(channel.getName().strip());
        }
        channel.setGroupTitle(blankToNull(channel.getGroupTitle()));
        channel.setLogo(blankToNull(channel.getLogo()));
        channel.setTvgId(blankToNull(channel.getTvgId()));
        channel.setTvgName(blankToNull(channel.getTvgName()));
        List<FieldError> errors = check(channel);
        if (!errors.isEmpty()) {
            throw new InvalidChannelException(errors);
        }
    }
}
