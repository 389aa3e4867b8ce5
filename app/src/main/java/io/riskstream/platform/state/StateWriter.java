package io.riskstream.platform.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Zig-zag varints, doubles, flags and nullable strings and times: the primitives of every state layout. Writes
 * into a plain growing array: every scored transaction writes its card's state, byte by byte, and a
 * {@code ByteArrayOutputStream} (a lock per byte, growing from 32 bytes) was most of the cost of that.
 */
public final class StateWriter {

    private static final int SEVEN_BITS = 0x7F;
    private static final int CONTINUATION = 0x80;
    /** Room for a card with a full day of history without growing. */
    private static final int INITIAL_CAPACITY = 1024;

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int size;

    StateWriter() {
    }

    void writeByte(int value) {
        ensureRoom(1);
        buffer[size++] = (byte) value;
    }

    public void writeVarLong(long value) {
        ensureRoom(Long.BYTES + 2);
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~SEVEN_BITS) != 0) {
            buffer[size++] = (byte) ((zigzag & SEVEN_BITS) | CONTINUATION);
            zigzag >>>= 7;
        }
        buffer[size++] = (byte) zigzag;
    }

    public void writeDouble(double value) {
        ensureRoom(Double.BYTES);
        long bits = Double.doubleToLongBits(value);
        for (int shift = Long.SIZE - Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
            buffer[size++] = (byte) (bits >>> shift);
        }
    }

    public void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    /** A presence flag byte, then the epoch millis. */
    public void writeInstant(Instant time) {
        writeBoolean(time != null);
        if (time != null) {
            writeVarLong(time.toEpochMilli());
        }
    }

    /** UTF-8 after its length; null is length -1. */
    public void writeString(String value) {
        if (value == null) {
            writeVarLong(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(bytes.length);
        ensureRoom(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensureRoom(int bytes) {
        if (size + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes));
        }
    }
}
