package org.hlsgateway.transcoding.entity;

import org.hlsgateway.channels.entity.AudioMode;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.channels.entity.RtspTransport;
import org.hlsgateway.channels.entity.VideoMode;

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

    public static TranscodeSpec of(Channel channel) {
        return new TranscodeSpec(channel.getNickname(), channel.getUrl(), channel.getRtspTransport(),
                channel.getAudio(), channel.getVideo(), channel.isPublicAccess(), channel.getVideoHeight(),
                channel.getVideoBitrate());
    }
}
