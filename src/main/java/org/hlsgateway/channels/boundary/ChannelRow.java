package org.hlsgateway.channels.boundary;

import org.hlsgateway.transcoding.control.SourceUrl;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.transcoding.entity.TranscoderStatus;

/** One line of the channel lists: the channel with credentials masked, plus its live state. */
public record ChannelRow(String nickname, String name, String url, String state, int viewers, String lastError,
                         String watchUrl, boolean publicAccess, String playbackUrl, String group, String input,
                         Long uptimeSeconds) {

    public static ChannelRow of(Channel channel, TranscoderStatus status, String watchUrl, String playbackUrl) {
        return new ChannelRow(channel.getNickname(), channel.getName(), SourceUrl.masked(channel.getUrl()),
                status.state().name(), status.viewers(), status.lastError(), watchUrl, channel.isPublicAccess(),
                playbackUrl, channel.getGroupTitle(), status.input() == null ? "" : status.input().summary(),
                status.uptimeSeconds());
    }

    // EL reads JavaBeans getters; records only have accessor methods
    public String getNickname() {
        return nickname;
    }

    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    public String getState() {
        return state;
    }

    public int getViewers() {
        return viewers;
    }

    public String getLastError() {
        return lastError;
    }

    public String getWatchUrl() {
        return watchUrl;
    }

    public String getInput() {
        return input;
    }

    /** Uptime as {@code 1h 02m 03s}, empty when not running. */
    public String getUptime() {
        if (uptimeSeconds == null) {
            return "";
        }
        long s = uptimeSeconds;
        return (s >= 3600 ? s / 3600 + "h " : "") + (s >= 60 ? String.format("%02dm ", s / 60 % 60) : "") + String.format("%02ds", s % 60);
    }

    public String getGroup() {
        return group;
    }

    public boolean isPublicAccess() {
        return publicAccess;
    }

    /** The watch URL a player can open: signed for protected channels. */
    public String getPlaybackUrl() {
        return playbackUrl;
    }

    /**
     * The last error as shown in the console: a long URL in it may wrap after its separators ({@code /},
     * {@code ?}, {@code &}; a zero-width space marks each), never in the middle of a word.
     */
    public String getLastErrorWrapping() {
        return lastError == null ? null : lastError.replaceAll("([/?&])(?=[^/\\s])", "$1\u200B");
    }
}
