package io.riskstream.demo;

/**
 * One generated record: its Kafka key, its value, and which demo pattern made it ({@link #NORMAL} for
 * everyday traffic). The pattern is not sent to Kafka; it lets tests and the counts of
 * {@link DemoStats} tell what was injected from the background.
 *
 * @param key the record key: cardId for transactions, userId for logins and site events
 * @param value the Avro value
 * @param pattern the pattern that made it, such as {@code VELOCITY_BURST}, or {@link #NORMAL}
 */
record Keyed<T>(String key, T value, String pattern) {

    static final String NORMAL = "NORMAL";

    static <T> Keyed<T> normal(String key, T value) {
        return new Keyed<>(key, value, NORMAL);
    }

    boolean isNormal() {
        return NORMAL.equals(pattern);
    }
}
