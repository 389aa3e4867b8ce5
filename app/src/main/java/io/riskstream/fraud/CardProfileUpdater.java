package io.riskstream.fraud;

import io.riskstream.events.Transaction;
import java.time.Instant;

/**
 * Folds a transaction into a card's state, after the transaction has been decided. Event time drives
 * everything: the horizons slide with the transactions' {@code eventTime}, never the wall clock, and a
 * late transaction does not move the card's last time or country back.
 */
public final class CardProfileUpdater {

    private final CardProfileConfig config;

    public CardProfileUpdater(CardProfileConfig config) {
        this.config = config;
    }

    public CardProfile apply(CardProfile before, Transaction tx) {
        Instant time = tx.getEventTime();
        long amount = tx.getAmountMinor();
        boolean newest = before.lastEventTime == null || !time.isBefore(before.lastEventTime);
        boolean earliest = before.firstSeen == null || time.isBefore(before.firstSeen);
        return new CardProfile(
                before.amounts.plus(amount),
                before.lastMinute.plus(time, amount),
                before.lastHour.plus(time, amount),
                before.lastDay.plus(time, amount),
                before.countries.plus(tx.getCountry(), time.toEpochMilli(), config.maxCountries()),
                before.merchants.plus(tx.getMerchantId(), time.toEpochMilli(), config.maxMerchants()),
                earliest ? time : before.firstSeen,
                newest ? time : before.lastEventTime,
                newest ? tx.getCountry() : before.lastCountry,
                before.homeCountry == null ? tx.getCountry() : before.homeCountry,
                before.transactionIds);
    }

    /** True when the card has been idle for longer than the configured expiry, as of {@code now}. */
    public boolean isExpired(CardProfile profile, Instant now) {
        return profile.isIdleSince(now, config.idleExpiry());
    }
}
