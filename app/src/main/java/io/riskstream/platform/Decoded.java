package io.riskstream.platform;

/**
 * An input record's value after decoding: either the value, or why it could not be decoded. Decoding never
 * throws, so that a bad record can be routed to its dead-letter topic inside the same transaction as the
 * good ones instead of stopping the stream.
 *
 * @param value the decoded value, null when decoding failed
 * @param raw the bytes as they arrived, kept for the dead-letter copy
 * @param error why decoding (or later validation) failed, null for a good record
 */
public record Decoded<T>(T value, byte[] raw, Exception error) {

    public static <T> Decoded<T> ok(T value, byte[] raw) {
        return new Decoded<>(value, raw, null);
    }

    public static <T> Decoded<T> failed(byte[] raw, Exception error) {
        return new Decoded<>(null, raw, error);
    }

    public boolean isOk() {
        return error == null;
    }

    /** The same raw bytes, now rejected for {@code reason}. */
    public Decoded<T> reject(Exception reason) {
        return failed(raw, reason);
    }
}
