package org.hlsgateway.transcoding.entity;

/** What one transcoder needs to know about its channel: an immutable snapshot. */
public record TranscodeSpec(String nickname, String url, RtspTransport rtspTransport, AudioMode audio, VideoMode video,
                            boolean publicAccess, Integer videoHeight, Integer videoBitrate) {

    public TranscodeSpec(String nickname, String url, RtspTransport rtspTransport, AudioMode audio, VideoMode video) {
        this(nickname, url, rtspTransport, audio, video, false, null, null);
    }

    public TranscodeSpec(String nickname, String url, RtspTransport rtspTransport, AudioMode audio, VideoMode video,
                         boolean publicAccess) {
        this(nickname, url, rtspTransport, audio, video, publicAccess, null, null);
    }
}
