package io.riskstream.platform;

import java.util.Optional;

/** What, if anything, makes a decoded value unfit to process. */
@FunctionalInterface
public interface Validator<T> {

    /** Accepts everything that decoded. */
    static <T> Validator<T> acceptAll() {
        return (key, value) -> Optional.empty();
    }

    /** The reason the record ({@code key}, {@code value}) cannot be processed, or empty when it can. */
    Optional<String> problem(String key, T value);
}
