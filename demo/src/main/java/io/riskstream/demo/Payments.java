package io.riskstream.demo;

import java.time.Instant;
import java.util.random.RandomGenerator;

import io.riskstream.events.Transaction;

/**
 * Makes the transactions of a card. Every amount is in the card's currency, as the issuer sees it, even for a
 * purchase abroad: that keeps a card's amounts comparable with each other.
 */
final class Payments {

    /** How far one purchase strays from the usual of its category (the sigma of a log-normal). */
    static final double AMOUNT_SPREAD = 0.6;
    /** Cash comes in notes: a withdrawal is a multiple of ten units. */
    static final long CASH_STEP_MINOR = 10 * Card.MINOR_PER_UNIT;

    private final EventTimes times;
    private final RandomGenerator random;

    Payments(EventTimes times, RandomGenerator random) {
        this.times = times;
        this.random = random;
    }

    /** An everyday amount for {@code card} at a merchant of {@code category}. */
    long usualAmount(Card card, Mcc category) {
        double spread = Math.exp(AMOUNT_SPREAD * random.nextGaussian());
        return Math.max(1, Math.round(card.typicalAmountMinor() * category.amountScale * spread));
    }

    /** A cash amount of about {@code euros} in the card's currency, in notes. */
    long cash(Card card, double euros) {
        long minor = Math.round(euros * card.home().unitsPerEuro * Card.MINOR_PER_UNIT);
        return Math.max(1, Math.round((double) minor / CASH_STEP_MINOR)) * CASH_STEP_MINOR;
    }

    Transaction inStore(Card card, Merchant merchant, long amountMinor, Instant at) {
        return of(card, merchant, amountMinor, "POS", at).build();
    }

    /** An online purchase, with the device and the country of the client IP (the v2 fields). */
    Transaction online(Card card, Merchant merchant, long amountMinor, String deviceId, Country ipCountry,
                       Instant at) {
        return of(card, merchant, amountMinor, "ECOM", at).setDeviceId(deviceId).setIpCountry(ipCountry.code())
                .build();
    }

    Transaction atm(Card card, Merchant merchant, long amountMinor, Instant at) {
        return of(card, merchant, amountMinor, "ATM", at).build();
    }

    private Transaction.Builder of(Card card, Merchant merchant, long amountMinor, String channel, Instant at) {
        return Transaction.newBuilder()
                .setTransactionId(times.id("tx-"))
                .setCardId(card.cardId())
                .setAccountId(card.accountId())
                .setAmountMinor(amountMinor)
                .setCurrency(card.home().currency)
                .setMerchantId(merchant.merchantId())
                .setMerchantCategory(merchant.category().code)
                .setCountry(merchant.country().code())
                .setChannel(channel)
                .setEventTime(at)
                .setDeviceId(null)
                .setIpCountry(null);
    }
}
