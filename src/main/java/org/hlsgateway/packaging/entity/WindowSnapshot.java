package org.hlsgateway.packaging.entity;

import java.util.List;

/**
 * What a playlist lists at one moment: the complete segments in the playlist window (oldest first), the open segment
 * if one is growing (else null), and the number of the part that will come next (the preload hint).
 */
public record WindowSnapshot(List<Segment> segments, Segment open, long nextPartNumber) {

    public WindowSnapshot {
        segments = List.copyOf(segments);
    }

    public boolean isEmpty() {
        return segments.isEmpty() && open == null;
    }

    /** Complete segments, then the open one. */
    public List<Segment> all() {
        if (open == null) {
            return segments;
        }
        List<Segment> all = new java.util.ArrayList<>(segments);
        all.add(open);
        return all;
    }
}
