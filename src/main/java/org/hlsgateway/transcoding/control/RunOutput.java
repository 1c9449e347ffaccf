package org.hlsgateway.transcoding.control;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.transcoding.entity.InputStreams;

/**
 * The one reader of runs' output playlists (FFmpeg's {@code index.m3u8}): the live window merges its text, the
 * handle finds its first segment in it, the bitrate and the preview use its lines. An instance watches them:
 * it calls back each time FFmpeg renames a new playlist into place (the first one makes a waiting player's
 * answer, the later ones feed the channel's window and its stall check). One thread and one inotify-backed
 * {@link WatchService} serve every channel, so a waiting player gets its answer within milliseconds instead
 * of on the next poll.
 */
public final class RunOutput implements Closeable {

    private static final Logger LOG = Logger.getLogger(RunOutput.class.getName());

    private final WatchService service;
    private final Map<WatchKey, Runnable> watched = new ConcurrentHashMap<>();

    /** Starts the watcher's one thread for every channel. */
    public RunOutput(ThreadFactory threads) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        Thread loop = threads.newThread(this::run);
        loop.setName("hls-playlist-watcher");
        loop.setDaemon(true);
        loop.start();
    }

    /** Calls {@code onChange} on each new playlist in {@code handle}'s directory until its FFmpeg exits. */
    public void watch(TranscoderHandle handle, Runnable onChange) throws IOException {
        WatchKey key = handle.directory().register(service,
                StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        watched.put(key, onChange);
        handle.process().onExit().whenComplete((p, e) -> {
            key.cancel();
            watched.remove(key);
        });
        onChange.run(); // it may already be there
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                Runnable onChange = watched.get(key);
                boolean playlistChanged = key.pollEvents().stream().anyMatch(event ->
                        event.kind() == StandardWatchEventKinds.OVERFLOW
                                || (event.context() instanceof Path p && p.toString().equals(FfmpegCommand.PLAYLIST)));
                if (onChange != null && playlistChanged) {
                    try {
                        onChange.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "playlist change handler failed", e);
                    }
                }
                key.reset();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            LOG.log(Level.FINE, "playlist watcher closed");
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }

    /** The playlist's text as it is on disk now; empty before FFmpeg wrote it. */
    static Optional<String> text(Path playlist) {
        try {
            return Optional.of(Files.readString(playlist));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The playlist's lines as they are on disk now; empty before FFmpeg wrote it. */
    static Optional<List<String>> lines(Path playlist) {
        return text(playlist).map(String::lines).map(java.util.stream.Stream::toList);
    }

    /** True once the playlist lists a complete segment. */
    static boolean listsASegment(Path playlist) {
        return text(playlist).filter(t -> t.contains("#EXTINF")).isPresent();
    }

    /** The source's streams, with the bitrate measured from the segments when the source did not say. */
    static InputStreams streams(TranscoderHandle handle) {
        InputStreams streams = handle.output().streams();
        return streams.bitrateKbps() != null || !handle.isReady() ? streams
                : streams.withMeasuredBitrate(MeasuredBitrate.of(handle.playlist()).orElse(null));
    }
}
