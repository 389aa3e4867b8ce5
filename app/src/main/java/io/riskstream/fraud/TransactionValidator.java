package io.riskstream.fraud;

import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.riskstream.events.Transaction;
import io.riskstream.platform.Validator;

/** What makes a transaction impossible to score: it then goes to {@code transactions.dlq} with the reason. */
final class TransactionValidator implements Validator<Transaction> {

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final Clock clock;
    private final long maxAmountMinor;
    private final Duration maxFutureSkew;

    TransactionValidator(Clock clock, long maxAmountMinor, Duration maxFutureSkew) {
        this.clock = clock;
        this.maxAmountMinor = maxAmountMinor;
        this.maxFutureSkew = maxFutureSkew;
    }

    @Override
    public Optional<String> problem(String key, Transaction tx) {
        if (tx.getTransactionId().isBlank()) {
            return Optional.of("transactionId is empty");
        }
        if (tx.getCardId().isBlank()) {
            return Optional.of("cardId is empty");
        }
        if (!tx.getCardId().equals(key)) {
            // Card state lives with the key's partition: a record keyed by anything else would be scored
            // against another card's history.
            return Optional.of("the record key '" + key + "' is not the cardId '" + tx.getCardId() + "'");
        }
        if (tx.getAmountMinor() < 0) {
            return Optional.of("amountMinor is negative: " + tx.getAmountMinor());
        }
        if (tx.getAmountMinor() > maxAmountMinor) {
            return Optional.of("amountMinor " + tx.getAmountMinor() + " is above the believable maximum " + maxAmountMinor);
        }
        if (!CURRENCIES.contains(tx.getCurrency())) {
            return Optional.of("currency '" + tx.getCurrency() + "' is not an ISO-4217 code");
        }
        if (tx.getEventTime().isAfter(clock.instant().plus(maxFutureSkew))) {
            return Optional.of("eventTime " + tx.getEventTime() + " is more than " + maxFutureSkew + " in the future");
        }
        return Optional.empty();
    }
}
