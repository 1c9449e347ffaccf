package org.hlsgateway.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a player that ignores the LL tags takes from a media playlist of either packaging: FFmpeg's MPEG-TS
 * ({@code abc123-7.ts}) or the gateway's LL-HLS ({@code seg7.m4s} after an {@code #EXT-X-MAP} init section). For
 * tests of behaviour that is the same for both; tests of one packaging assert its names and bytes themselves.
 */
public final class MediaPlaylist {

    private MediaPlaylist() {
    }

    /** The URIs of the whole segments listed, oldest first (parts and the preload hint are not segments). */
    public static List<String> segments(String playlist) {
        return playlist.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** The first whole segment listed; fails when there is none. */
    public static String firstSegment(String playlist) {
        return segments(playlist).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no whole segment listed: " + playlist));
    }

    /** The URI of the init section ({@code #EXT-X-MAP}, fMP4 only). */
    public static Optional<String> init(String playlist) {
        return playlist.lines().filter(l -> l.startsWith("#EXT-X-MAP:")).findFirst()
                .map(l -> l.replaceAll(".*URI=\"([^\"]+)\".*", "$1"));
    }

    /** True when the segments are fragmented MP4 (the gateway's packager), false for MPEG-TS. */
    public static boolean fmp4(String playlist) {
        return init(playlist).isPresent();
    }

    /**
     * Writes {@code segment} (as read) to {@code file}, after the playlist's init section when it has one: a file
     * that ffprobe decodes whichever the packaging.
     */
    public static Path playable(Gateway gateway, String nickname, String playlist, HttpResponse<byte[]> segment,
            Path file) throws IOException, InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Optional<String> init = init(playlist);
        if (init.isPresent()) {
            HttpResponse<byte[]> section = gateway.getBytes("read/" + nickname + "/" + init.get());
            if (section.statusCode() != 200) {
                throw new AssertionError("init section " + init.get() + " answered " + section.statusCode());
            }
            bytes.write(section.body());
        }
        bytes.write(segment.body());
        return Files.write(file, bytes.toByteArray());
    }
}
