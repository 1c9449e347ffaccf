/** IPTV lists: M3U and CSV import, M3U playlists for players. May import any feature but the root package. */
package org.hlsgateway.iptv;
