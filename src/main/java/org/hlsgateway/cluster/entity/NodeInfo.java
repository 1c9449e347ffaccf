package org.hlsgateway.cluster.entity;

/**
 * What a node tells the others every second: its base URL, its running transcoders and its limit
 * ({@code HLS_MAX_TRANSCODERS}), and when it started.
 */
public record NodeInfo(String id, String url, int running, int maxTranscoders, long startedMillis) {

    public String encode() {
        return url + " " + running + " " + maxTranscoders + " " + startedMillis;
    }

    /** The node a {@link #encode()} text stands for; null for text of another shape. */
    public static NodeInfo decode(String id, String text) {
        if (text == null) {
            return null;
        }
        String[] fields = text.split(" ");
        if (fields.length != 4) {
            return null;
        }
        try {
            return new NodeInfo(id, fields[0], Integer.parseInt(fields[1]), Integer.parseInt(fields[2]),
                    Long.parseLong(fields[3]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
