package io.riskstream.fraud;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the per-card state: how many recent distinct countries and merchants are remembered, and
 * after how long without a transaction a card's state may be expired. The horizons themselves (1 minute,
 * 1 hour, 24 hours) are fixed by the contract.
 */
public record CardProfileConfig(int maxCountries, int maxMerchants, Duration idleExpiry) {

    public CardProfileConfig {
        if (maxCountries < 1 || maxMerchants < 1) {
            throw new IllegalArgumentException("maxCountries and maxMerchants must be at least 1");
        }
        Objects.requireNonNull(idleExpiry, "idleExpiry");
        if (idleExpiry.isNegative() || idleExpiry.isZero()) {
            throw new IllegalArgumentException("idleExpiry must be positive");
        }
    }
}
