package org.hlsgateway.transcoding.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The live playlist players see for one channel, across FFmpeg restarts. Each FFmpeg run writes
 * its own playlist starting over at sequence 0; the window gives every segment the next number of
 * one continuous media sequence and marks the first segment of each new run with
 * {@code #EXT-X-DISCONTINUITY}, so a player that keeps polling carries on after a source failure
 * without a reload. Segment names start with their run's token, so runs never collide.
 */
public final class SegmentWindow {

    /** One segment: its place in the channel's sequence and the run (FFmpeg process) that wrote it. */
    public record Entry(long sequence, String run, String uri, double duration, String map, boolean discontinuity) {
    }

    private final int size;
    private final int minimumTarget;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextSequence;
    private long discontinuitySequence;
    private int targetDuration;
    private String currentRun;
    private final Set<String> pastRuns = new HashSet<>();
    private long runBase;
    private boolean fmp4;
    /** The playlist as last rendered; every player polls it, and it changes once a segment. */
    private String rendered;

    /**
     * @param size how many segments the playlist lists (as many as FFmpeg keeps)
     * @param segmentSeconds the configured segment length, the least target duration
     */
    public SegmentWindow(int size, int segmentSeconds) {
        this.size = size;
        this.minimumTarget = segmentSeconds;
        this.targetDuration = segmentSeconds;
    }

    /**
     * Takes in what FFmpeg's playlist of {@code run} lists now; returns how many segments were new.
     * Segments that FFmpeg listed and dropped while nobody merged keep their numbers, so the
     * sequence never repeats and never goes back.
     */
    public synchronized int merge(String run, String ffmpegPlaylist) {
        if (pastRuns.contains(run)) {
            return 0; // a late look at a run that was replaced: its segments are all in already
        }
        long ffmpegSequence = 0;
        double pendingDuration = -1;
        String map = null;
        int index = 0;
        int added = 0;
        for (String raw : ffmpegPlaylist.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                ffmpegSequence = parseLong(line.substring(22));
            } else if (line.startsWith("#EXT-X-MAP:")) {
                map = line.replaceAll(".*URI=\"([^\"]+)\".*", "$1");
            } else if (line.startsWith("#EXTINF:")) {
                pendingDuration = duration(line);
            } else if (!line.isEmpty() && !line.startsWith("#") && pendingDuration >= 0) {
                if (!run.equals(currentRun)) {
                    startRun(run, ffmpegSequence + index);
                }
                long sequence = runBase + ffmpegSequence + index;
                if (sequence >= nextSequence) {
                    boolean newRun = !entries.isEmpty() && !entries.peekLast().run().equals(run);
                    append(new Entry(sequence, run, line, pendingDuration, map, newRun));
                    added++;
                }
                index++;
                pendingDuration = -1;
            }
        }
        return added;
    }

    private void startRun(String run, long firstFfmpegSequence) {
        if (currentRun != null) {
            pastRuns.add(currentRun);
        }
        currentRun = run;
        runBase = nextSequence - firstFfmpegSequence;
    }

    private void append(Entry entry) {
        rendered = null;
        entries.addLast(entry);
        nextSequence = entry.sequence() + 1;
        targetDuration = Math.max(targetDuration, (int) Math.ceil(entry.duration() - 0.001));
        fmp4 |= entry.map() != null;
        while (entries.size() > size) {
            Entry dropped = entries.removeFirst();
            if (dropped.discontinuity()) {
                discontinuitySequence++;
            }
        }
    }

    /** The playlist to serve, or null while no segment exists. */
    public synchronized String render() {
        if (entries.isEmpty()) {
            return null;
        }
        if (rendered == null) {
            rendered = renderNow();
        }
        return rendered;
    }

    private String renderNow() {
        StringBuilder out = new StringBuilder(128 + entries.size() * 64);
        out.append("#EXTM3U\n#EXT-X-VERSION:").append(fmp4 ? 7 : 3).append('\n')
                .append("#EXT-X-TARGETDURATION:").append(Math.max(minimumTarget, targetDuration)).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:").append(entries.peekFirst().sequence()).append('\n');
        if (discontinuitySequence > 0) {
            out.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
        }
        out.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        String map = null;
        for (Entry e : entries) {
            if (e.discontinuity()) {
                out.append("#EXT-X-DISCONTINUITY\n");
            }
            if (e.map() != null && (!e.map().equals(map) || e.discontinuity())) {
                out.append("#EXT-X-MAP:URI=\"").append(e.map()).append("\"\n");
                map = e.map();
            }
            out.append("#EXTINF:").append(String.format(java.util.Locale.ROOT, "%.6f", e.duration())).append(",\n")
                    .append(e.uri()).append('\n');
        }
        return out.toString();
    }

    /** The runs whose segments players may still fetch. */
    public synchronized Set<String> runsInUse() {
        Set<String> runs = new HashSet<>();
        entries.forEach(e -> runs.add(e.run()));
        if (currentRun != null) {
            runs.add(currentRun);
        }
        return runs;
    }

    /** The longest segment so far, rounded up: what the playlist announces as its target duration. */
    public synchronized int targetDuration() {
        return Math.max(minimumTarget, targetDuration);
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The sequence number the next new segment gets. */
    public synchronized long nextSequence() {
        return nextSequence;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The duration of an {@code #EXTINF:} line in seconds, 0 when it cannot be read. */
    static double duration(String extinf) {
        String value = extinf.substring("#EXTINF:".length());
        int comma = value.indexOf(',');
        try {
            return Double.parseDouble(comma < 0 ? value : value.substring(0, comma));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
