package org.hlsgateway.packaging.entity;

/**
 * One whole ISO BMFF box as it came down the pipe: its four-character type, where it began in the stream and its
 * bytes, header included (so a box can be served again byte for byte).
 */
public record Box(String type, long offset, int headerSize, byte[] bytes) {

    public int size() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return type + "@" + offset + "[" + bytes.length + "]";
    }
}
