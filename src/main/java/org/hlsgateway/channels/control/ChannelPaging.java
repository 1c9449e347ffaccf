package org.hlsgateway.channels.control;

import java.util.Locale;
import org.hlsgateway.transcoding.entity.TranscoderState;

/** The paging parameters of {@code GET /api/channels}, checked: a bad one is a 400 that names it. */
public record ChannelPaging(int limit, int offset, ChannelCursor after, TranscoderState state) {

    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 1000;

    public static ChannelPaging parse(String limit, String offset, String cursor, String state) {
        int pageSize = limit == null ? DEFAULT_LIMIT : number(limit, 1, MAX_LIMIT, "limit",
                "limit must be a whole number from 1 to " + MAX_LIMIT);
        int skip = offset == null ? 0 : number(offset, 0, Integer.MAX_VALUE, "offset",
                "offset must be a whole number, 0 or more");
        if (offset != null && cursor != null) {
            throw new InvalidChannelException("cursor", "use cursor or offset, not both");
        }
        ChannelCursor after = cursor == null ? null
                : ChannelCursor.decode(cursor).orElseThrow(() -> new InvalidChannelException("cursor", ChannelCursor.RULE));
        return new ChannelPaging(pageSize, skip, after, state(state));
    }

    private static TranscoderState state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return TranscoderState.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidChannelException("state", "state must be one of IDLE, STARTING, LIVE, FAILED");
        }
    }

    private static int number(String text, int min, int max, String field, String rule) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidChannelException(field, rule);
    }
}
