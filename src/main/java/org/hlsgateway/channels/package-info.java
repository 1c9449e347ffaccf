/**
 * The channels: entity, store ({@code ChannelService}), REST API and admin views, and the transcoder snapshot of a
 * channel ({@code Channel.transcodeSpec()}). May import: config, database, transcoding, operations, api, security.
 */
package org.hlsgateway.channels;
