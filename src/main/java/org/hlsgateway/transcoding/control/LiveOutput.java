package org.hlsgateway.transcoding.control;

import java.nio.file.Path;
import java.util.Optional;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/**
 * What a player's request needs of the transcoders, memory reads and writes only: called directly
 * on the serving hot path, which spares every playlist and segment request an EJB invocation.
 */
public interface LiveOutput {

    /** Records a request by {@code client} on the channel. */
    void touch(String nickname, String client);

    /** The players' playlist, one media sequence across FFmpeg restarts; empty while none exists. */
    Optional<String> playlist(String nickname);

    /** The file of a segment the channel's window lists, whichever run wrote it. */
    Optional<Path> segment(String nickname, String name);

    /** The spec of the channel's running transcoder, if one runs. */
    Optional<TranscodeSpec> runningSpec(String nickname);

    /** The spec of the channel's live session (running or waiting to be restarted), if people watch it. */
    Optional<TranscodeSpec> watchedSpec(String nickname);

    /** The channel's transcoder if it lists a segment and is not being replaced. */
    Optional<TranscoderHandle> readyRun(String nickname);

    /** The LL-HLS packager of the channel's live session ({@code HLS_LL}), if people watch it. */
    Optional<ChannelPackager> packager(String nickname);
}
