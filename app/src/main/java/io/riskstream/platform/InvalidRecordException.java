package io.riskstream.platform;

/**
 * A record that cannot be processed for what it is: it decoded to nothing, to another type, or breaks the contract
 * (a missing id, an absurd amount, a time far in the future).
 */
public class InvalidRecordException extends RuntimeException {

    private final DeadLetterReason reason;

    public InvalidRecordException(String message) {
        this(DeadLetterReason.INVALID, message);
    }

    public InvalidRecordException(DeadLetterReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
