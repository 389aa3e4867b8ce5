package io.riskstream.platform;

import java.util.Optional;

/**
 * Checks of the text fields of input records, shared by every validator. Every text an input carries may end up
 * in an output, a state store or a log line, so each has a bound: an id of a megabyte would make every record it
 * causes too large for the broker, and a control character in an id splits log lines and dashboards.
 */
public final class Fields {

    /** Ids: card, transaction, user, event, account, merchant, device. */
    public static final int MAX_ID_LENGTH = 256;
    /** Free text such as a page path. */
    public static final int MAX_TEXT_LENGTH = 2048;

    private Fields() {
    }

    /** Why {@code value} is not a usable id: empty, too long, or with characters no id has. */
    public static Optional<String> id(String field, CharSequence value) {
        if (value == null || value.toString().isBlank()) {
            return Optional.of(field + " is empty");
        }
        return text(field, value, MAX_ID_LENGTH);
    }

    /** Why {@code value} (which may be empty) is not usable text of at most {@code maxLength} characters. */
    public static Optional<String> text(String field, CharSequence value, int maxLength) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            return Optional.of(field + " is " + value.length() + " characters long, more than " + maxLength);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of(field + " contains the control character U+" + hex(c) + " at " + i);
            }
            if (c == '\uFFFD') {
                // What a decoder makes of bytes that are not UTF-8: the producer sent something else than text.
                return Optional.of(field + " contains U+FFFD at " + i + ": its bytes were not valid UTF-8");
            }
            if (Character.isSurrogate(c) && !pairedSurrogate(value, i)) {
                return Optional.of(field + " contains an unpaired surrogate at " + i);
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return Optional.empty();
    }

    /** The first problem of several checks, in order. */
    @SafeVarargs
    public static Optional<String> first(Optional<String>... checks) {
        for (Optional<String> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }

    private static boolean pairedSurrogate(CharSequence value, int i) {
        return Character.isHighSurrogate(value.charAt(i)) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
