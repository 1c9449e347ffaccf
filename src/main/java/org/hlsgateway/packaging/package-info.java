/**
 * The gateway's own LL-HLS packager (issue #15), not yet wired into the live path: FFmpeg's fragmented MP4 from a
 * pipe ({@code BoxReader}) becomes an init section, parts and segments ({@code Segmenter}) held in memory per channel
 * ({@code MediaWindow}, with futures for blocking reloads) and an LL-HLS media playlist ({@code LlPlaylistWriter}).
 * Pure Java: imports nothing of ours (no other feature, no Jakarta).
 * <p>
 * URIs, all relative to the playlist: {@code init<d>.mp4} the init section of discontinuity sequence {@code d} (a new
 * FFmpeg run gets a new one); {@code seg<msn>.m4s} a whole segment; {@code part<n>.m4s} a part, numbered across all
 * segments and runs, so that the preload hint names a part that will exist whichever segment it falls in.
 */
package org.hlsgateway.packaging;
