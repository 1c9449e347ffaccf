package org.hlsgateway.channels.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hlsgateway.channels.entity.Channel;

/** Checks every user-supplied field of a channel before anything is stored or started. */
public final class ChannelValidator {

    public static final Pattern NICKNAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    public static final String NICKNAME_RULE = "nickname must match [a-z0-9][a-z0-9_-]{0,63}";
    public static final int MAX_NAME = 200;

    private ChannelValidator() {
    }

    public static boolean isNickname(String value) {
        return value != null && NICKNAME.matcher(value).matches();
    }

    /** Returns every problem of {@code channel}; empty when it may be stored. */
    public static List<FieldError> check(Channel channel) {
        List<FieldError> errors = new ArrayList<>();
        if (!isNickname(channel.getNickname())) {
            errors.add(new FieldError("nickname", NICKNAME_RULE + " (lower-case letters, digits, '_' and '-')"));
        }
        String name = channel.getName();
        if (name != null && name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "name must be at most " + MAX_NAME + " characters"));
        } else if (name != null && name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            errors.add(new FieldError("name", "name must not contain control characters"));
        }
        SourceUrl.problem(channel.getUrl()).ifPresent(p -> errors.add(new FieldError("url", p)));
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

    /** Throws when {@code channel} is invalid; fills in the display name from the nickname. */
    public static void require(Channel channel) {
        if (channel.getName() == null || channel.getName().isBlank()) {
            channel.setName(channel.getNickname());
        } else {
            channel.setName(channel.getName().strip());
        }
        List<FieldError> errors = check(channel);
        if (!errors.isEmpty()) {
            throw new InvalidChannelException(errors);
        }
    }
}
