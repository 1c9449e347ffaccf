package org.hlsgateway.packaging.control;

import java.util.ArrayList;
import java.util.List;
import org.hlsgateway.packaging.entity.Part;
import org.hlsgateway.packaging.entity.Segment;

/** A segmenter output that keeps what it is given, in order. */
final class Recorded implements Segmenter.Output {

    final List<Part> parts = new ArrayList<>();
    final List<Segment> segments = new ArrayList<>();
    final List<String> events = new ArrayList<>();

    @Override
    public void partAdded(Segment open, Part part) {
        if (open.parts().get(open.parts().size() - 1) != part) {
            throw new AssertionError("the open segment does not end with the part added: " + open);
        }
        parts.add(part);
        events.add("part " + part.msn() + "." + part.index());
    }

    @Override
    public void segmentClosed(Segment segment) {
        segments.add(segment);
        events.add("segment " + segment.msn());
    }

    List<Double> durations() {
        return segments.stream().map(s -> Math.round(s.duration() * 1000) / 1000.0).toList();
    }
}
