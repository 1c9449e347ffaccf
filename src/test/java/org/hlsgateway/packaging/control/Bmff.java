package org.hlsgateway.packaging.control;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.hlsgateway.packaging.entity.Box;

/** Builds small boxes by hand, for the cases FFmpeg's output does not show (tfhd defaults, tfdt v0, ...). */
final class Bmff {

    private Bmff() {
    }

    static byte[] box(String type, byte[]... children) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (byte[] c : children) {
            payload.writeBytes(c);
        }
        return ByteBuffer.allocate(8 + payload.size()).putInt(8 + payload.size())
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(payload.toByteArray()).array();
    }

    static byte[] full(String type, int version, int flags, long... fields) {
        return sized(type, version, flags, 4, fields);
    }

    /** A full box whose fields all have {@code width} bytes (4 or 8). */
    static byte[] sized(String type, int version, int flags, int width, long... fields) {
        ByteBuffer b = ByteBuffer.allocate(4 + width * fields.length).putInt(version << 24 | flags);
        for (long f : fields) {
            if (width == 8) {
                b.putLong(f);
            } else {
                b.putInt((int) f);
            }
        }
        return box(type, b.array());
    }

    static byte[] ints(long... fields) {
        ByteBuffer b = ByteBuffer.allocate(4 * fields.length);
        for (long f : fields) {
            b.putInt((int) f);
        }
        return b.array();
    }

    static Box top(byte[] bytes) {
        return new Box(new String(bytes, 4, 4, StandardCharsets.ISO_8859_1), 1000, 8, bytes);
    }
}
