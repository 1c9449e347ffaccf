package org.hlsgateway.channels.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The front page at {@code /hls_gateway/}: every channel with a link to watch it. */
@Named
@RequestScoped
public class HomeView {

    @Inject
    ChannelRows rows;

    private List<ChannelRow> channels;

    public List<ChannelRow> getChannels() {
        if (channels == null) {
            channels = rows.visible();
        }
        return channels;
    }
}
