/**
 * Watching: the watch and read endpoints that start a channel on demand and serve its HLS, the player and the wall.
 * May import: config, database, transcoding, operations, api, security, channels.
 */
package org.hlsgateway.playback;
