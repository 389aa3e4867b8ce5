package io.riskstream.fraud;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Zig-zag varints, doubles and nullable strings, for {@link CardProfileSerde}. */
final class BinaryWriter {

    private static final int SEVEN_BITS = 0x7F;
    private static final int CONTINUATION = 0x80;

    private final ByteArrayOutputStream out;

    BinaryWriter(ByteArrayOutputStream out) {
        this.out = out;
    }

    void writeByte(int value) {
        out.write(value);
    }

    void writeVarLong(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~SEVEN_BITS) != 0) {
            out.write((int) ((zigzag & SEVEN_BITS) | CONTINUATION));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
    }

    void writeDouble(double value) {
        long bits = Double.doubleToLongBits(value);
        for (int shift = Long.SIZE - Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
            out.write((int) (bits >>> shift));
        }
    }

    /** A presence flag byte, then the epoch millis. */
    void writeInstant(Instant time) {
        out.write(time == null ? 0 : 1);
        if (time != null) {
            writeVarLong(time.toEpochMilli());
        }
    }

    /** Null is length -1. */
    void writeString(String value) {
        if (value == null) {
            writeVarLong(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(bytes.length);
        out.writeBytes(bytes);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
