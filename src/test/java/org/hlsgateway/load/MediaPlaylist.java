package org.hlsgateway.load;

import java.util.ArrayList;
import java.util.List;

/** The parts of a live HLS media playlist a viewer needs: the first segment's sequence number and the segment URIs. */
record MediaPlaylist(long mediaSequence, List<String> segments) {

    static MediaPlaylist parse(String text) {
        long sequence = 0;
        List<String> segments = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String l = line.trim();
            if (l.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                sequence = Long.parseLong(l.substring("#EXT-X-MEDIA-SEQUENCE:".length()).trim());
            } else if (!l.isEmpty() && !l.startsWith("#")) {
                segments.add(l);
            }
        }
        return new MediaPlaylist(sequence, List.copyOf(segments));
    }

    /** Sequence number of the last segment listed; {@code mediaSequence - 1} when none is. */
    long lastSequence() {
        return mediaSequence + segments.size() - 1;
    }

    /** The FFmpeg run a segment belongs to: the gateway names segments {@code <run>-<n>.ts}. */
    static String run(String segmentUri) {
        String name = segmentUri.contains("?") ? segmentUri.substring(0, segmentUri.indexOf('?')) : segmentUri;
        name = name.substring(name.lastIndexOf('/') + 1);
        int dash = name.lastIndexOf('-');
        return dash < 0 ? "" : name.substring(0, dash);
    }
}
