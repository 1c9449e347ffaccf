package org.hlsgateway.packaging.entity;

import java.time.Instant;
import java.util.List;

/**
 * A media segment, complete or still growing: its media sequence number, the discontinuity sequence it belongs to,
 * whether it is the first after a new init section, that init section, the wall-clock time of its first sample and
 * its parts so far. Its bytes are its parts' bytes one after the other (its URI is {@code seg<msn>.m4s}).
 */
public record Segment(long msn, long discontinuity, boolean discontinuous, InitSection init, Instant programDateTime,
        List<Part> parts) {

    public Segment {
        parts = List.copyOf(parts);
    }

    public double duration() {
        return parts.stream().mapToDouble(Part::duration).sum();
    }

    public long size() {
        return parts.stream().mapToLong(p -> p.bytes().length).sum();
    }

    public boolean startsIndependent() {
        return !parts.isEmpty() && parts.get(0).independent();
    }

    public Segment with(Part part) {
        List<Part> more = new java.util.ArrayList<>(parts);
        more.add(part);
        return new Segment(msn, discontinuity, discontinuous, init, programDateTime, more);
    }
}
