package io.riskstream.platform;

/** A record that decoded but breaks the contract: a missing id, an absurd amount, a time far in the future. */
public class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String reason) {
        super(reason);
    }
}
