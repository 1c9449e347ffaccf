package org.hlsgateway.packaging.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hlsgateway.packaging.entity.Box;

/**
 * Reads the payload of one box: big-endian numbers and child boxes, every read checked against the box's end, so
 * that a corrupt box fails with a {@link MalformedBoxException} naming the stream offset, never with an index error.
 */
public final class BoxCursor {

    private final byte[] bytes;
    private final long streamOffset;
    private final String type;
    private final int start;
    private final int end;
    private int pos;

    private BoxCursor(byte[] bytes, long streamOffset, String type, int start, int end) {
        this.bytes = bytes;
        this.streamOffset = streamOffset;
        this.type = type;
        this.start = start;
        this.end = end;
        this.pos = start;
    }

    /** A cursor on the payload of a top-level box. */
    public static BoxCursor of(Box box) {
        return new BoxCursor(box.bytes(), box.offset(), box.type(), box.headerSize(), box.size());
    }

    public String type() {
        return type;
    }

    /** Where the next read starts, as an offset in the stream. */
    public long offset() {
        return streamOffset + pos;
    }

    public boolean hasMore() {
        return pos < end;
    }

    public int u8() throws MalformedBoxException {
        need(1);
        return bytes[pos++] & 0xff;
    }

    public int u16() throws MalformedBoxException {
        return u8() << 8 | u8();
    }

    public long u32() throws MalformedBoxException {
        need(4);
        long v = (bytes[pos] & 0xffL) << 24 | (bytes[pos + 1] & 0xff) << 16 | (bytes[pos + 2] & 0xff) << 8
                | (bytes[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public int s32() throws MalformedBoxException {
        return (int) u32();
    }

    public long u64() throws MalformedBoxException {
        long high = u32();
        long v = high << 32 | u32();
        if (v < 0) {
            throw new MalformedBoxException(offset() - 8, "'" + type + "' holds a 64-bit value above 2^63");
        }
        return v;
    }

    public String fourcc() throws MalformedBoxException {
        need(4);
        String s = new String(bytes, pos, 4, StandardCharsets.ISO_8859_1);
        pos += 4;
        return s;
    }

    public void skip(int n) throws MalformedBoxException {
        need(n);
        pos += n;
    }

    /** The next child box; its payload as a cursor. The caller must know that this box holds boxes. */
    public BoxCursor nextChild() throws MalformedBoxException {
        int at = pos;
        long size = u32();
        String childType = fourcc();
        int header = 8;
        if (size == 1) {
            size = u64();
            header = 16;
        } else if (size == 0) {
            size = end - at;
        }
        if (size < header || size > end - at) {
            throw new MalformedBoxException(streamOffset + at, "box '" + childType + "' inside '" + type
                    + "' has size " + size + ", but " + (end - at) + " bytes are left in '" + type + "'");
        }
        pos = at + (int) size;
        return new BoxCursor(bytes, streamOffset, childType, at + header, pos);
    }

    /** Every child of this box (from its payload's start, whatever was read) with the given type. */
    public List<BoxCursor> children(String childType) throws MalformedBoxException {
        BoxCursor all = new BoxCursor(bytes, streamOffset, type, start, end);
        List<BoxCursor> found = new ArrayList<>();
        while (all.hasMore()) {
            BoxCursor child = all.nextChild();
            if (child.type.equals(childType)) {
                found.add(child);
            }
        }
        return found;
    }

    /** The first child with the given type; fails if there is none. */
    public BoxCursor child(String childType) throws MalformedBoxException {
        List<BoxCursor> found = children(childType);
        if (found.isEmpty()) {
            throw new MalformedBoxException(streamOffset + start, "'" + type + "' has no '" + childType + "' box");
        }
        return found.get(0);
    }

    /** The child at a path of types, e.g. {@code "mdia", "minf", "stbl", "stsd"}. */
    public BoxCursor path(String... types) throws MalformedBoxException {
        BoxCursor c = this;
        for (String t : types) {
            c = c.child(t);
        }
        return c;
    }

    private void need(int n) throws MalformedBoxException {
        if (n < 0 || end - pos < n) {
            throw new MalformedBoxException(offset(), "'" + type + "' ends after " + (end - pos)
                    + " more bytes where " + n + " are needed");
        }
    }
}
