package org.hlsgateway.packaging.entity;

/**
 * The init section of one FFmpeg run: its {@code ftyp} and {@code moov} bytes, what they say, and the discontinuity
 * sequence number of the first segment that uses it (its URI is {@code init<discontinuity>.mp4}).
 */
public record InitSection(long discontinuity, byte[] bytes, Movie movie) {

    @Override
    public String toString() {
        return "init" + discontinuity + movie.codecs() + "[" + bytes.length + "]";
    }
}
