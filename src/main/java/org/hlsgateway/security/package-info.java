/**
 * Users, login, roles, channel limits, revocations, and the signed playback tokens with who may watch
 * ({@code PlaybackAccess}). May import: config, database, transcoding, operations, api; asks the channels
 * through {@code ChannelGroups}, which it declares.
 */
package org.hlsgateway.security;
