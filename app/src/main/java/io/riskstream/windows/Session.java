package io.riskstream.windows;

/**
 * One session of a key: its first and last event times (epoch millis, both inclusive) and what it accumulated.
 *
 * @param <K> the key
 * @param <V> what the session accumulated
 */
public record Session<K, V>(K key, long start, long end, V value) {

    /** The same session holding {@code other} instead. */
    public Session<K, V> withValue(V other) {
        return new Session<>(key, start, end, other);
    }
}
