package org.hlsgateway.channels.control;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A position in the channel list's order (sortOrder, then nickname): the next page starts after it.
 * Clients see it as an opaque URL-safe string.
 */
public record ChannelCursor(int sortOrder, String nickname) {

    public static final String RULE = "cursor must be a value from a previous answer's Link header (rel=\"next\")";

    public static ChannelCursor after(org.hlsgateway.channels.entity.Channel channel) {
        return new ChannelCursor(channel.getSortOrder(), channel.getNickname());
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((sortOrder + ":" + nickname).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or empty when {@code text} is not one this class made. */
    public static Optional<ChannelCursor> decode(String text) {
        if (text == null || text.length() > 200) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon < 1) {
                return Optional.empty();
            }
            String nickname = plain.substring(colon + 1);
            if (!ChannelValidator.isNickname(nickname)) {
                return Optional.empty();
            }
            return Optional.of(new ChannelCursor(Integer.parseInt(plain.substring(0, colon)), nickname));
        } catch (IllegalArgumentException e) { // bad base64 or number
            return Optional.empty();
        }
    }
}
