package io.riskstream.platform;

import org.apache.avro.SystemLimitException;

/**
 * Bounds on what Avro will allocate for one string, byte array or collection while decoding. Avro's own limits are
 * about 2 GiB: a hostile length prefix of a few bytes would make it try to allocate that much. No value of the
 * contract comes near these; a record that claims more is undecodable and goes to its dead-letter topic.
 * Avro reads the limits once, when its decoder classes load, so this runs before the first decode (from
 * {@code main} and from {@link DecodingSerde}); a limit set explicitly on the command line wins.
 */
public final class AvroLimits {

    // Compile-time constants: naming them does not load the class that reads them.
    static final String MAX_STRING = SystemLimitException.MAX_STRING_LENGTH_PROPERTY;
    static final String MAX_BYTES = SystemLimitException.MAX_BYTES_LENGTH_PROPERTY;
    static final String MAX_ITEMS = SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY;

    private AvroLimits() {
    }

    public static void apply() {
        setIfAbsent(MAX_STRING, 4 * 1024 * 1024);
        setIfAbsent(MAX_BYTES, 16 * 1024 * 1024);
        setIfAbsent(MAX_ITEMS, 100_000);
    }

    private static void setIfAbsent(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, String.valueOf(value));
        }
    }
}
