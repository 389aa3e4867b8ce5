package io.riskstream.platform;

/**
 * A topic of the contract: its name and the type of its values. Keys are always UTF-8 strings.
 *
 * @param <V> the Avro class of the values
 */
public record Topic<V>(String name, Class<V> valueType) {

    /** The suffix of every dead-letter topic, {@code <input>.dlq}. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /** Where records of this topic that cannot be processed go. */
    public String deadLetterTopic() {
        return name + DEAD_LETTER_SUFFIX;
    }
}
