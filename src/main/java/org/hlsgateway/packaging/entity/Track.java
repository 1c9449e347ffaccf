package org.hlsgateway.packaging.entity;

/**
 * A track of the init section ({@code moov}): its id, handler ({@code vide}, {@code soun}, ...), timescale (ticks per
 * second, from {@code mdhd}), codec four-character code (the first {@code stsd} entry: avc1, hvc1, hev1, mp4a, ...)
 * and the {@code trex} defaults its fragments fall back on.
 */
public record Track(long id, String handler, long timescale, String codec, long defaultSampleDuration,
        long defaultSampleSize, int defaultSampleFlags) {

    public boolean isVideo() {
        return "vide".equals(handler);
    }

    public boolean isAudio() {
        return "soun".equals(handler);
    }
}
