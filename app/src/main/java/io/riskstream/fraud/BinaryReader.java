package io.riskstream.fraud;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Reads what {@link BinaryWriter} writes; malformed input raises IllegalArgumentException. */
final class BinaryReader {

    private static final int SEVEN_BITS = 0x7F;
    private static final int CONTINUATION = 0x80;
    private static final int MAX_VARLONG_SHIFT = 63;

    private final ByteBuffer in;

    BinaryReader(ByteBuffer in) {
        this.in = in;
    }

    long readVarLong() {
        long zigzag = 0;
        int shift = 0;
        int b;
        do {
            if (shift > MAX_VARLONG_SHIFT) {
                throw new IllegalArgumentException("varint too long");
            }
            b = in.get() & 0xFF;
            zigzag |= (long) (b & SEVEN_BITS) << shift;
            shift += 7;
        } while ((b & CONTINUATION) != 0);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    double readDouble() {
        return in.getDouble();
    }

    Instant readInstant() {
        byte present = in.get();
        if (present == 0) {
            return null;
        }
        if (present != 1) {
            throw new IllegalArgumentException("bad presence flag " + present);
        }
        return Instant.ofEpochMilli(readVarLong());
    }

    String readString() {
        long length = readVarLong();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad string length " + length);
        }
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A collection size, checked against what the format allows and what the payload can still hold. */
    int readSize(int max) {
        long size = readVarLong();
        if (size < 0 || size > max || size > in.remaining()) {
            throw new IllegalArgumentException("bad size " + size);
        }
        return (int) size;
    }

    int remaining() {
        return in.remaining();
    }
}
