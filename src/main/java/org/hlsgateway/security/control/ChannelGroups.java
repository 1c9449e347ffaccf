package org.hlsgateway.security.control;

/**
 * The group of a channel, asked to check a limited viewer's channel limits. Security sits below the channels,
 * so it declares what it needs and the channels answer ({@code channels.boundary.ChannelGroupLookup}).
 */
public interface ChannelGroups {

    /** The channel's group title; null for a channel without a group or one that does not exist. */
    String groupOf(String nickname);
}
