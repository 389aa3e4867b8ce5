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
 * @param cardIdleExpiry a card with no transaction for this long is forgotten, so that state cannot grow without limit
 * @param expiryScanInterval how much event time passes between the starts of two sweeps for idle cards
 * @param expirySweepBatch at most this many cards are looked at per second of wall clock, so that a sweep of
 *        millions of cards is spread over many transactions instead of running past one's timeout
 * @param maxAmountMinor larger amounts are not believable and go to the dead-letter topic
 * @param recentCountries how many distinct recent countries a card remembers
 * @param recentMerchants how many distinct recent merchants a card remembers
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
        @DefaultValue("32") @Min(1) int recentMerchants) {

    CardProfileConfig cardProfile() {
        return new CardProfileConfig(recentCountries, recentMerchants, cardIdleExpiry);
    }
}
