package org.hlsgateway.transcoding.entity;

/**
 * How a channel's media reaches players. One output per channel: a second playlist in the other format would run a
 * second muxer for every watched channel, for the few players that need it.
 */
public enum Packaging {
    /** The gateway's default ({@code HLS_LL}): LL-HLS when it is on, MPEG-TS otherwise. */
    DEFAULT,
    /** LL-HLS from the gateway's own packager: fMP4 parts and segments from memory; players that ignore parts play segments. */
    LL,
    /** MPEG-TS segments written by FFmpeg's HLS muxer: for set-top boxes and IPTV apps that take nothing else. */
    TS;

    public String value() {
        return name().toLowerCase();
    }

    /** True when a channel with this setting is packaged by the gateway, given the gateway's default. */
    public boolean packaged(boolean lowLatencyByDefault) {
        return this == LL || this == DEFAULT && lowLatencyByDefault;
    }
}
