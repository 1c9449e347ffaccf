package org.hlsgateway.packaging.entity;

/** A part's place in the playlist: media sequence number, then part index ({@code _HLS_msn}, {@code _HLS_part}). */
public record Position(long msn, int part) implements Comparable<Position> {

    @Override
    public int compareTo(Position o) {
        int bySegment = Long.compare(msn, o.msn);
        return bySegment != 0 ? bySegment : Integer.compare(part, o.part);
    }
}
