package org.hlsgateway.cluster.entity;

/**
 * Who runs a channel: the owner node's grid id and base URL, and the lease's fencing number. Every new lease of a
 * channel has a higher number than the one it replaces, so an owner that was cut off and lost its lease sees at its
 * next request or renewal that it must stop, and an edge never takes an answer of a stale owner for a newer one.
 */
public record Lease(String node, String url, long epoch) {

    public Lease {
        if (node == null || node.isBlank() || node.indexOf(' ') >= 0 || url == null || url.isBlank() || url.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("a lease names a node id and a URL without spaces: " + node + " " + url);
        }
    }

    /** The form kept in the grid: plain text, so that no class of ours is ever deserialized by the grid. */
    public String encode() {
        return node + " " + url + " " + epoch;
    }

    /** The lease a {@link #encode()} text stands for; null for null or text of another shape. */
    public static Lease decode(String text) {
        if (text == null) {
            return null;
        }
        String[] fields = text.split(" ");
        if (fields.length != 3) {
            return null;
        }
        try {
            return new Lease(fields[0], fields[1], Long.parseLong(fields[2]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public boolean heldBy(String nodeId) {
        return node.equals(nodeId);
    }
}
