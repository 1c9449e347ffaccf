/**
 * FFmpeg: the one owner of every running process, the command, source URLs and transcoding modes, segments and idle
 * stops. By lifetime: {@code TranscoderRegistry} (behind {@code Transcoders}) maps nicknames to one {@code LiveChannel}
 * each, which owns that channel's life; a {@code TranscoderHandle} is one FFmpeg run and {@code RunOutput} the one
 * reader of its playlist; with {@code HLS_LL} a {@code ChannelPackager} per live session packages FFmpeg's fMP4 itself.
 * May import: config, packaging, database. Calls up only through
 * interfaces it declares ({@code TranscoderRegistry.Listener}).
 */
package org.hlsgateway.transcoding;
