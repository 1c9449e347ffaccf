package org.hlsgateway.channels.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.security.control.ChannelGroups;

/** The channels' answer to security's question: which group a channel is in. */
@ApplicationScoped
public class ChannelGroupLookup implements ChannelGroups {

    @Inject
    ChannelService channels;

    @Override
    public String groupOf(String nickname) {
        return channels.find(nickname).map(Channel::getGroupTitle).orElse(null);
    }
}
