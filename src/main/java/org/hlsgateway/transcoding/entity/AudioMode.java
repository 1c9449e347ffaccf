package org.hlsgateway.transcoding.entity;

/** What happens to the source's first audio stream. */
public enum AudioMode {
    /** Transcode to AAC, which every HLS player decodes (cameras send G.711). */
    AAC,
    /** Copy as is: only for sources that already send AAC or MP3. */
    COPY,
    /** Drop audio. */
    NONE;

    public String value() {
        return name().toLowerCase();
    }
}
