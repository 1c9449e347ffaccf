/**
 * FFmpeg: the one owner of every running process ({@code TranscoderRegistry} behind {@code Transcoders}), the command,
 * source URLs and transcoding modes, segments and idle stops. May import: config, database. Calls up only through
 * interfaces it declares ({@code TranscoderRegistry.Listener}).
 */
package org.hlsgateway.transcoding;
