package io.riskstream.platform;

/**
 * Why a record is in a dead-letter topic, as a small fixed set: the {@code reason} tag of
 * {@value DeadLetters#METRIC} and the header {@value DeadLetters#REASON_CODE_HEADER}. The header
 * {@value DeadLetters#REASON_HEADER} says the same in words, for the one record.
 */
public enum DeadLetterReason {
    /** Not Avro, a schema id the registry does not know, or bytes the schema cannot read. */
    UNDECODABLE("undecodable"),
    /** A value of another schema than the topic's, such as a login on {@code transactions}. */
    WRONG_TYPE("wrong-type"),
    /** No value at all (a tombstone). */
    TOMBSTONE("tombstone"),
    /** An event time outside the accepted window: see {@link InputLimits}. */
    EVENT_TIME("event-time"),
    /** Decoded, but breaks the contract: an empty or over-long id, a key that is not the id, an absurd amount. */
    INVALID("invalid"),
    /** Processing it failed in a way no check foresaw: a bug, written by the last-resort path. */
    PROCESSING_ERROR("processing-error"),
    /** What it caused could not be written (the broker refused it): written by the last-resort path. */
    OUTPUT_REFUSED("output-refused");

    private final String code;

    DeadLetterReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static DeadLetterReason of(Throwable error) {
        return error instanceof InvalidRecordException invalid ? invalid.reason() : UNDECODABLE;
    }
}
