package org.hlsgateway.channels.control;

import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/** What a channel tells its transcoder: transcoding knows no channel, so the channels build its snapshot. */
public final class ChannelSpecs {

    private ChannelSpecs() {
    }

    public static TranscodeSpec of(Channel channel) {
        return new TranscodeSpec(channel.getNickname(), channel.getUrl(), channel.getRtspTransport(),
                channel.getAudio(), channel.getVideo(), channel.isPublicAccess(), channel.getVideoHeight(),
                channel.getVideoBitrate());
    }
}
