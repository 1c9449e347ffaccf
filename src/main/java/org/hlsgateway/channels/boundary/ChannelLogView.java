package org.hlsgateway.channels.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.hlsgateway.channels.control.ChannelValidator;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.entity.TranscoderStatus;

/** {@code /hls_gateway/admin/channel/log.xhtml?nickname=...}: FFmpeg's last lines for a channel, for admins. */
@Named
@RequestScoped
public class ChannelLogView {

    @Inject
    Transcoders transcoders;

    private String nickname;

    public String getNickname() {
        return nickname;
    }

    /** Only a well-formed nickname is kept: anything else shows an empty log. */
    public void setNickname(String nickname) {
        this.nickname = ChannelValidator.isNickname(nickname) ? nickname : null;
    }

    /** The running FFmpeg's last lines (passwords masked); empty when it does not run. */
    public List<String> getLines() {
        return nickname == null ? List.of() : transcoders.log(nickname);
    }

    public String getText() {
        return String.join("\n", getLines());
    }

    /** IDLE, STARTING, LIVE or FAILED. */
    public String getState() {
        return nickname == null ? "" : status().state().name();
    }

    public String getLastError() {
        return nickname == null ? null : status().lastError();
    }

    private TranscoderStatus status() {
        return transcoders.status(nickname);
    }
}
