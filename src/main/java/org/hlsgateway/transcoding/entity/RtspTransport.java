package org.hlsgateway.transcoding.entity;

/** How FFmpeg pulls RTSP: interleaved over the RTSP TCP connection (default) or RTP over UDP. */
public enum RtspTransport {
    TCP, UDP;

    public String value() {
        return name().toLowerCase();
    }
}
