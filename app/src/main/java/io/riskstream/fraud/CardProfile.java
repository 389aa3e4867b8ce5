package io.riskstream.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A card's state before a transaction: counts and sums over sliding horizons, amount statistics, the
 * recent distinct countries and merchants, the last transaction's country and time, and the ids of its recent
 * transactions (what {@link RetryCheck} looks a retry up in; rules do not see them). Its size is bounded whatever
 * the card's traffic. Immutable: {@link CardProfileUpdater} and {@link RetryCheck} return the next state.
 *
 * <p>Amounts are compared as they come, in minor units: cross-currency conversion is out of scope, so a
 * card used in several currencies mixes their minor units.
 */
public final class CardProfile {

    private static final CardProfile EMPTY = new CardProfile(AmountStats.EMPTY,
            SlidingCounter.empty(Horizon.ONE_MINUTE), SlidingCounter.empty(Horizon.ONE_HOUR),
            SlidingCounter.empty(Horizon.ONE_DAY), RecentValues.EMPTY, RecentValues.EMPTY, null, null, null, null,
            RecentTransactionIds.EMPTY);

    final AmountStats amounts;
    final SlidingCounter lastMinute;
    final SlidingCounter lastHour;
    final SlidingCounter lastDay;
    final RecentValues countries;
    final RecentValues merchants;
    final Instant firstSeen;
    final Instant lastEventTime;
    final String lastCountry;
    final String homeCountry;
    final RecentTransactionIds transactionIds;

    CardProfile(AmountStats amounts, SlidingCounter lastMinute, SlidingCounter lastHour, SlidingCounter lastDay,
                RecentValues countries, RecentValues merchants, Instant firstSeen, Instant lastEventTime,
                String lastCountry, String homeCountry, RecentTransactionIds transactionIds) {
        this.amounts = amounts;
        this.lastMinute = lastMinute;
        this.lastHour = lastHour;
        this.lastDay = lastDay;
        this.countries = countries;
        this.merchants = merchants;
        this.firstSeen = firstSeen;
        this.lastEventTime = lastEventTime;
        this.lastCountry = lastCountry;
        this.homeCountry = homeCountry;
        this.transactionIds = transactionIds;
    }

    CardProfile withTransactionIds(RecentTransactionIds ids) {
        return new CardProfile(amounts, lastMinute, lastHour, lastDay, countries, merchants, firstSeen, lastEventTime,
                lastCountry, homeCountry, ids);
    }

    /** The state of a card never seen before. */
    public static CardProfile empty() {
        return EMPTY;
    }

    /** What rules see: this state as of {@code eventTime}, the time of the transaction being scored. */
    public CardSnapshot snapshotAt(Instant eventTime) {
        return new CardSnapshot(this, eventTime);
    }

    /** True when the card has had no transaction in the {@code idle} before {@code now} (event time). */
    public boolean isIdleSince(Instant now, Duration idle) {
        return lastEventTime == null || lastEventTime.plus(idle).isBefore(now);
    }

    public long txCount() {
        return amounts.count();
    }

    public Instant lastEventTime() {
        return lastEventTime;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CardProfile that
                && amounts.equals(that.amounts)
                && lastMinute.equals(that.lastMinute)
                && lastHour.equals(that.lastHour)
                && lastDay.equals(that.lastDay)
                && countries.equals(that.countries)
                && merchants.equals(that.merchants)
                && Objects.equals(firstSeen, that.firstSeen)
                && Objects.equals(lastEventTime, that.lastEventTime)
                && Objects.equals(lastCountry, that.lastCountry)
                && Objects.equals(homeCountry, that.homeCountry)
                && transactionIds.equals(that.transactionIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(amounts, lastMinute, lastHour, lastDay, countries, merchants, firstSeen, lastEventTime,
                lastCountry, homeCountry, transactionIds);
    }

    @Override
    public String toString() {
        return "CardProfile{amounts=" + amounts + ", lastMinute=" + lastMinute + ", lastHour=" + lastHour
                + ", lastDay=" + lastDay + ", countries=" + countries + ", merchants=" + merchants + ", firstSeen="
                + firstSeen + ", lastEventTime=" + lastEventTime + ", lastCountry=" + lastCountry + ", homeCountry="
                + homeCountry + ", transactionIds=" + transactionIds + "}";
    }
}
