package org.hlsgateway.packaging.entity;

/**
 * One track's samples in one fragment (a {@code traf}, all its {@code trun}s summed): the track, its timescale, the
 * decode time of its first sample ({@code tfdt}), how many samples, their summed duration in ticks and bytes, and the
 * flags of the first sample.
 */
public record TrackRun(long trackId, String handler, long timescale, long baseDecodeTime, int sampleCount,
        long durationTicks, long sizeBytes, int firstSampleFlags) {

    public boolean isVideo() {
        return "vide".equals(handler);
    }

    public double durationSeconds() {
        return (double) durationTicks / timescale;
    }

    public double startSeconds() {
        return (double) baseDecodeTime / timescale;
    }

    public boolean startsWithSync() {
        return sampleCount > 0 && SampleFlags.isSync(firstSampleFlags);
    }
}
