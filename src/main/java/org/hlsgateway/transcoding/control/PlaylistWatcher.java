package org.hlsgateway.transcoding.control;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells a starting transcoder the moment FFmpeg renames its first playlist into place.
 * One thread and one inotify-backed {@link WatchService} serve every channel, so a waiting
 * player gets its answer within milliseconds instead of on the next poll.
 */
public final class PlaylistWatcher implements Closeable {

    private static final Logger LOG = Logger.getLogger(PlaylistWatcher.class.getName());

    private final WatchService service;
    private final Map<WatchKey, TranscoderHandle> watched = new ConcurrentHashMap<>();

    public PlaylistWatcher(ThreadFactory threads) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        Thread loop = threads.newThread(this::run);
        loop.setName("hls-playlist-watcher");
        loop.setDaemon(true);
        loop.start();
    }

    /** Watches {@code handle}'s directory until its first segment is listed. */
    public void watch(TranscoderHandle handle) throws IOException {
        WatchKey key = handle.directory().register(service,
                StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        watched.put(key, handle);
        handle.ready().whenComplete((h, e) -> {
            key.cancel();
            watched.remove(key);
        });
        handle.checkReady(); // it may already be there
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                TranscoderHandle handle = watched.get(key);
                boolean playlistChanged = key.pollEvents().stream().anyMatch(event ->
                        event.kind() == StandardWatchEventKinds.OVERFLOW
                                || (event.context() instanceof Path p && p.toString().equals(FfmpegCommand.PLAYLIST)));
                if (handle != null && playlistChanged) {
                    handle.checkReady();
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
}
