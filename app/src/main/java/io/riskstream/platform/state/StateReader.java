package io.riskstream.platform.state;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads what {@link StateWriter} writes; malformed input raises IllegalArgumentException or
 * BufferUnderflowException, which {@link StateSerde} reports as a corrupt value.
 */
public final class StateReader {

    private static final int SEVEN_BITS = 0x7F;
    private static final int CONTINUATION = 0x80;
    private static final int MAX_VARLONG_SHIFT = 63;

    private final ByteBuffer in;

    StateReader(ByteBuffer in) {
        this.in = in;
    }

    public long readVarLong() {
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

    public double readDouble() {
        return in.getDouble();
    }

    public boolean readBoolean() {
        byte flag = in.get();
        if (flag != 0 && flag != 1) {
            throw new IllegalArgumentException("bad flag " + flag);
        }
        return flag == 1;
    }

    public Instant readInstant() {
        return readBoolean() ? Instant.ofEpochMilli(readVarLong()) : null;
    }

    public String readString() {
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

    /** A collection size, checked against what the layout allows and what the payload can still hold. */
    public int readSize(int max) {
        long size = readVarLong();
        if (size < 0 || size > max || size > in.remaining()) {
            throw new IllegalArgumentException("bad size " + size);
        }
        return (int) size;
    }

    /** A big-endian long, as {@code DataOutputStream} wrote it: only for layouts from before this format. */
    public long readFixedLong() {
        return in.getLong();
    }

    /** A big-endian int, as {@code DataOutputStream} wrote it: only for layouts from before this format. */
    public int readFixedInt() {
        return in.getInt();
    }

    /** A byte, any but 0 true, as {@code DataOutputStream} wrote it: only for layouts from before this format. */
    public boolean readLooseBoolean() {
        return in.get() != 0;
    }

    /**
     * A string as {@code DataOutputStream.writeUTF} wrote it (a two-byte length, then modified UTF-8, which
     * differs from UTF-8 for NUL and characters outside the BMP): only for layouts from before this format.
     */
    public String readModifiedUtf8() {
        int length = Short.toUnsignedInt(in.getShort(in.position()));
        byte[] encoded = new byte[Short.BYTES + length];
        in.get(encoded);
        try {
            return new DataInputStream(new ByteArrayInputStream(encoded)).readUTF();
        } catch (IOException e) {
            throw new IllegalArgumentException("bad modified UTF-8: " + e.getMessage(), e);
        }
    }

    int remaining() {
        return in.remaining();
    }
}
