package io.riskstream.fraud;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code riskstream.fraud.*}: how transactions are checked, deduplicated and remembered.
 *
 * @param duplicateHorizon how long a transactionId is remembered, so that an upstream retry is not scored again
 * @param cardIdleExpiry a card with no transaction for this long is forgotten, so that state cannot grow without limit;
 *        at least the duplicate horizon, since a card's recent transaction ids are forgotten with it
 * @param expiryScanInterval how much event time passes between the starts of two sweeps for idle cards
 * @param expirySweepBatch at most this many cards are looked at per second of wall clock, so that a sweep of
 *        millions of cards is spread over many transactions instead of running past one's timeout
 * @param maxAmountMinor larger amounts are not believable and go to the dead-letter topic
 * @param recentCountries how many distinct recent countries a card remembers
 * @param recentMerchants how many distinct recent merchants a card remembers
 * @param cardTransactionIds how many of a card's transaction ids within the duplicate horizon its own state keeps;
 *        older ones go to the {@code seen-transactions} store, a second write for the busiest cards only. 0 keeps
 *        every id there and writes card states in the version builds before #12 read: for a rolling upgrade from one
 */
@Validated
@ConfigurationProperties("riskstream.fraud")
public record FraudSettings(
        @DefaultValue("7d") @NotNull Duration duplicateHorizon,
        @DefaultValue("90d") @NotNull Duration cardIdleExpiry,
        @DefaultValue("1h") @NotNull Duration expiryScanInterval,
        @DefaultValue("1000") @Min(1) int expirySweepBatch,
        @DefaultValue("100000000000") @Min(1) long maxAmountMinor,
        @DefaultValue("16") @Min(1) int recentCountries,
        @DefaultValue("32") @Min(1) int recentMerchants,
        @DefaultValue("16") @Min(0) int cardTransactionIds) {

    public FraudSettings {
        if (duplicateHorizon != null && cardIdleExpiry != null && cardIdleExpiry.compareTo(duplicateHorizon) < 0) {
            throw new IllegalArgumentException("riskstream.fraud.card-idle-expiry (" + cardIdleExpiry
                    + ") must be at least riskstream.fraud.duplicate-horizon (" + duplicateHorizon
                    + "): a card's recent transaction ids are forgotten with it");
        }
    }

    RetryCheck retryCheck() {
        return new RetryCheck(duplicateHorizon, cardTransactionIds);
    }

    /** The card-profiles store's format: version 1, which keeps no transaction id, when cards keep none. */
    int cardStateVersion() {
        return cardTransactionIds == 0 ? CardProfileSerde.V1 : CardProfileSerde.V2;
    }

    CardProfileConfig cardProfile() {
        return new CardProfileConfig(recentCountries, recentMerchants, cardIdleExpiry);
    }
}
