package org.hlsgateway.transcoding.entity;

/** What one transcoder needs to know about its channel: an immutable snapshot. */
public record TranscodeSpec(String nickname, String url, RtspTransport rtspTransport, AudioMode audio, VideoMode video,
                            boolean publicAccess, Integer videoHeight, Integer videoBitrate, Packaging packaging) {

    public TranscodeSpec {
        packaging = packaging == null ? Packaging.DEFAULT : packaging;
    }

    public TranscodeSpec(String nickname, String url, RtspTransport rtspTransport, AudioMode audio, VideoMode video) {
        this(nickname, url, rtspTransport, audio, video, false, null, null, Packaging.DEFAULT);
    }

    public TranscodeSpec(String nickname, String url, RtspTransport rtspTransport, AudioMode audio, VideoMode video,
                         boolean publicAccess) {
        this(nickname, url, rtspTransport, audio, video, publicAccess, null, null, Packaging.DEFAULT);
    }

    public TranscodeSpec(String nickname, String url, RtspTransport rtspTransport, AudioMode audio, VideoMode video,
                         boolean publicAccess, Integer videoHeight, Integer videoBitrate) {
        this(nickname, url, rtspTransport, audio, video, publicAccess, videoHeight, videoBitrate, Packaging.DEFAULT);
    }

    /** True when the gateway packages this channel as LL-HLS, given the gateway's default ({@code HLS_LL}). */
    public boolean packaged(boolean lowLatencyByDefault) {
        return packaging.packaged(lowLatencyByDefault);
    }
}
