package org.hlsgateway.packaging.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hlsgateway.packaging.entity.Box;

/**
 * Cuts a fragmented-MP4 byte stream, fed in chunks of any size as reads from a pipe return them, into whole top-level
 * boxes. One reader per byte stream (per FFmpeg run); not thread-safe. A box whose header is broken (size below its
 * header, above {@code maxBoxSize}, size 0 "to the end of the file", a type that is no four-character code) or that
 * the stream ends inside fails with a {@link MalformedBoxException}; the memory held is at most one box.
 */
public final class BoxReader {

    /** Far above any moof+mdat of a 200 ms fragment (a 4K picture at 100 Mbit/s is about 2.5 MB). */
    public static final int DEFAULT_MAX_BOX_SIZE = 32 * 1024 * 1024;

    private final int maxBoxSize;
    private final byte[] header = new byte[16];
    private int headerFill;
    private int headerSize;
    private byte[] box;
    private int boxFill;
    private long boxOffset;
    private long consumed;

    public BoxReader() {
        this(DEFAULT_MAX_BOX_SIZE);
    }

    public BoxReader(int maxBoxSize) {
        if (maxBoxSize < 16 || maxBoxSize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBoxSize must be between 16 and " + (Integer.MAX_VALUE - 16));
        }
        this.maxBoxSize = maxBoxSize;
    }

    /** Reads {@code in} to its end, handing every box to {@code sink}; the stream must end between boxes. */
    public static void readAll(InputStream in, int bufferSize, Consumer<Box> sink) throws IOException {
        BoxReader reader = new BoxReader();
        byte[] buffer = new byte[bufferSize];
        for (int n; (n = in.read(buffer)) >= 0;) {
            reader.feed(buffer, 0, n).forEach(sink);
        }
        reader.finish();
    }

    /** The boxes that {@code len} more bytes complete, oldest first (often none, sometimes several). */
    public List<Box> feed(byte[] bytes, int off, int len) throws MalformedBoxException {
        List<Box> done = new ArrayList<>(2);
        int end = off + len;
        while (off < end) {
            if (box == null) {
                int want = (headerFill < 8 ? 8 : 16) - headerFill;
                int n = Math.min(want, end - off);
                System.arraycopy(bytes, off, header, headerFill, n);
                headerFill += n;
                off += n;
                consumed += n;
                if (headerFill == 8 || headerFill == 16) {
                    startBox();
                }
            } else {
                int n = Math.min(box.length - boxFill, end - off);
                System.arraycopy(bytes, off, box, boxFill, n);
                boxFill += n;
                off += n;
                consumed += n;
            }
            if (box != null && boxFill == box.length) {
                done.add(new Box(type(), boxOffset, headerSize, box));
                box = null;
                headerFill = 0;
            }
        }
        return done;
    }

    /** The end of the stream: fails if it cut a box short. */
    public void finish() throws MalformedBoxException {
        if (box != null) {
            throw new MalformedBoxException(boxOffset, "stream ends inside box '" + type() + "' of " + box.length
                    + " bytes after " + boxFill + " of them");
        }
        if (headerFill > 0) {
            throw new MalformedBoxException(consumed - headerFill, "stream ends inside a box header after "
                    + headerFill + " bytes");
        }
    }

    /** Bytes read so far. */
    public long consumed() {
        return consumed;
    }

    private void startBox() throws MalformedBoxException {
        long at = consumed - headerFill;
        long size = Integer.toUnsignedLong(readInt(0));
        if (headerFill == 8) {
            checkType(at);
            if (size == 1) {
                return; // a 64-bit largesize follows: wait for 8 more header bytes
            }
            if (size == 0) {
                throw new MalformedBoxException(at, "box '" + type() + "' has size 0 (to the end of the file),"
                        + " which a live stream cannot have");
            }
            headerSize = 8;
        } else {
            size = ((long) readInt(8) << 32) | Integer.toUnsignedLong(readInt(12));
            headerSize = 16;
        }
        if (size < headerSize) {
            throw new MalformedBoxException(at, "box '" + type() + "' has size " + size + ", less than its "
                    + headerSize + "-byte header");
        }
        if (size > maxBoxSize || size < 0) {
            throw new MalformedBoxException(at, "box '" + type() + "' claims " + Long.toUnsignedString(size)
                    + " bytes, more than the limit of " + maxBoxSize);
        }
        boxOffset = at;
        box = new byte[(int) size];
        System.arraycopy(header, 0, box, 0, headerSize);
        boxFill = headerSize;
    }

    private void checkType(long at) throws MalformedBoxException {
        for (int i = 4; i < 8; i++) {
            int c = header[i] & 0xff;
            if (c < 0x20 || c > 0x7e) {
                throw new MalformedBoxException(at, String.format("box type %02x%02x%02x%02x is no four-character"
                        + " code (not a box boundary: the stream is corrupt or out of step)",
                        header[4], header[5], header[6], header[7]));
            }
        }
    }

    private String type() {
        return new String(header, 4, 4, StandardCharsets.ISO_8859_1);
    }

    private int readInt(int at) {
        return (header[at] & 0xff) << 24 | (header[at + 1] & 0xff) << 16 | (header[at + 2] & 0xff) << 8
                | (header[at + 3] & 0xff);
    }
}
