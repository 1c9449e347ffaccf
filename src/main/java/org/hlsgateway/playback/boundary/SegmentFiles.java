package org.hlsgateway.playback.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;
import org.hlsgateway.playback.control.HlsFile;

/**
 * Sends a segment file in chunks of up to {@link #CHUNK} bytes: a segment of a typical camera is one read
 * and one write into the container's stream, which sends an array that large straight to the
 * socket; 8 KB steps (what {@code transferTo} into a stream does) cost a system call each.
 */
final class SegmentFiles {

    /** Below a megabyte, so that the JVM allocates it like any small object (not as a humongous region). */
    static final int CHUNK = 512 * 1024;

    private SegmentFiles() {
    }

    /** Sends the file, its size counted by {@code served} first; false when it went away meanwhile (nothing sent). */
    static boolean send(Path path, HlsFile file, HttpServletRequest request, HttpServletResponse response,
                        LongConsumer served) throws IOException {
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = in.size();
            response.setContentType(file.kind().contentType());
            response.setHeader("Cache-Control", file.kind().cacheControl());
            response.setContentLengthLong(size);
            if ("HEAD".equals(request.getMethod())) {
                return true;
            }
            served.accept(size);
            copy(in, size, response.getOutputStream());
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    static void copy(FileChannel in, long size, OutputStream out) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(Math.max(size, 1), CHUNK));
        long left = size;
        while (left > 0) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), left));
            while (chunk.hasRemaining() && in.read(chunk) >= 0) {
                // fill the chunk; a file that shrank ends the loop below
            }
            if (chunk.position() == 0) {
                break;
            }
            out.write(chunk.array(), 0, chunk.position());
            left -= chunk.position();
        }
    }
}
