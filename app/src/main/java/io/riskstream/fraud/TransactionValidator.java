package io.riskstream.fraud;

import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.riskstream.events.Transaction;
import io.riskstream.platform.Fields;
import io.riskstream.platform.Validator;

/**
 * What makes a transaction impossible to score: it then goes to {@code transactions.dlq} with the reason. (Its
 * event time is checked for every input alike, by {@link io.riskstream.platform.InputLimits}.)
 */
final class TransactionValidator implements Validator<Transaction> {

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final long maxAmountMinor;

    TransactionValidator(long maxAmountMinor) {
        this.maxAmountMinor = maxAmountMinor;
    }

    @Override
    public Optional<String> problem(String key, Transaction tx) {
        // Every text is bounded: they travel into decisions, card state and the duplicate store.
        Optional<String> text = Fields.first(
                Fields.id("transactionId", tx.getTransactionId()),
                Fields.id("cardId", tx.getCardId()),
                Fields.text("accountId", tx.getAccountId(), Fields.MAX_ID_LENGTH),
                Fields.text("merchantId", tx.getMerchantId(), Fields.MAX_ID_LENGTH),
                Fields.text("merchantCategory", tx.getMerchantCategory(), Fields.MAX_ID_LENGTH),
                Fields.text("country", tx.getCountry(), Fields.MAX_ID_LENGTH),
                Fields.text("channel", tx.getChannel(), Fields.MAX_ID_LENGTH),
                Fields.text("deviceId", tx.getDeviceId(), Fields.MAX_ID_LENGTH),
                Fields.text("ipCountry", tx.getIpCountry(), Fields.MAX_ID_LENGTH));
        if (text.isPresent()) {
            return text;
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
        return Optional.empty();
    }
}
