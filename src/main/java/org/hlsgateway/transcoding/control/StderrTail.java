package org.hlsgateway.transcoding.control;

import java.util.ArrayDeque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last lines FFmpeg wrote to stderr, in a small bounded buffer, plus the last line it
 * logged at error level. FFmpeg runs with {@code -loglevel level+info}, so every line carries
 * its level as {@code [error]} or {@code [fatal]}; the tags are removed from what is shown.
 */
public final class StderrTail {

    private static final Pattern LEVEL_TAG = Pattern.compile("\\[(trace|debug|verbose|info|warning|error|fatal|panic)\\] ");
    private static final Pattern CONTEXT_TAG = Pattern.compile("^\\[[A-Za-z0-9_#:.,/\\-]+ @ (0x)?[0-9a-f]+\\] ");
    private static final int MAX_LINE = 500;

    private final int capacity;
    private final ArrayDeque<String> lines;
    private String lastError;

    public StderrTail(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    public synchronized void add(String raw) {
        if (raw == null || raw.isBlank()) {
            return;
        }
        String line = raw.length() > MAX_LINE ? raw.substring(0, MAX_LINE) + "…" : raw;
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
        if (line.contains("[error] ") || line.contains("[fatal] ") || line.contains("[panic] ")) {
            lastError = clean(line);
        }
    }

    /** The last error line, or the last line of all when FFmpeg logged no error. */
    public synchronized String lastError() {
        if (lastError != null) {
            return lastError;
        }
        return lines.isEmpty() ? null : clean(lines.getLast());
    }

    public synchronized boolean hasError() {
        return lastError != null;
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines as shown to people: without FFmpeg's level and context tags. */
    public synchronized List<String> cleanLines() {
        return lines.stream().map(StderrTail::clean).toList();
    }

    static String clean(String line) {
        String withoutLevel = LEVEL_TAG.matcher(line).replaceAll("");
        return CONTEXT_TAG.matcher(withoutLevel).replaceFirst("").strip();
    }
}
