package io.riskstream.fraud;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The read-only view of a card's state that rules see, as of the scored transaction's event time and
 * before that transaction. Horizons slide by event time and are exact to within one bucket (1 second for
 * the minute, 1 minute for the hour, 1 hour for the day). Amounts are minor units, unconverted.
 */
public final class CardSnapshot {

    /** What {@link #getMinutesSinceLast()} says for a card with no previous transaction. */
    public static final long NEVER = Long.MAX_VALUE;

    private static final Duration ONE_DAY = Duration.ofHours(24);

    private final CardProfile profile;
    private final Instant asOf;

    CardSnapshot(CardProfile profile, Instant asOf) {
        this.profile = profile;
        this.asOf = asOf;
    }

    public int getCount1m() {
        return profile.lastMinute.countAsOf(asOf);
    }

    public int getCount1h() {
        return profile.lastHour.countAsOf(asOf);
    }

    public int getCount24h() {
        return profile.lastDay.countAsOf(asOf);
    }

    public long getSum1m() {
        return profile.lastMinute.sumAsOf(asOf);
    }

    public long getSum1h() {
        return profile.lastHour.sumAsOf(asOf);
    }

    public long getSum24h() {
        return profile.lastDay.sumAsOf(asOf);
    }

    /** All transactions the card has had (not only recent ones). */
    public long getTxCount() {
        return profile.amounts.count();
    }

    public double getAmountMean() {
        return profile.amounts.mean();
    }

    /** Sample standard deviation of all the card's amounts; 0 with fewer than two. */
    public double getAmountStdDev() {
        return profile.amounts.stdDev();
    }

    /**
     * How many standard deviations {@code amountMinor} is above the card's mean; 0 with fewer than two
     * prior amounts. A deviation under one minor unit counts as one, so identical history still yields a
     * finite score.
     */
    public double amountZScore(long amountMinor) {
        if (profile.amounts.count() < 2) {
            return 0.0;
        }
        return (amountMinor - profile.amounts.mean()) / Math.max(profile.amounts.stdDev(), 1.0);
    }

    /** Whether the country is among the card's most recent distinct countries. */
    public boolean seenCountry(String country) {
        return country != null && profile.countries.contains(country);
    }

    /** Whether the merchant is among the card's most recent distinct merchants. */
    public boolean seenMerchant(String merchantId) {
        return merchantId != null && profile.merchants.contains(merchantId);
    }

    /** Distinct countries (of those remembered) the card was used in during the 24 hours before. */
    public int getDistinctCountries24h() {
        return profile.countries.countSeenBetween(asOf.minus(ONE_DAY).toEpochMilli(), asOf.toEpochMilli());
    }

    /** Country of the latest transaction by event time; null for a new card. */
    public String getLastCountry() {
        return profile.lastCountry;
    }

    /** The country of the card's first transaction: a proxy for its home country. Null for a new card. */
    public String getHomeCountry() {
        return profile.homeCountry;
    }

    /** Event time of the latest transaction; null for a new card. */
    public Instant getLastEventTime() {
        return profile.lastEventTime;
    }

    public Instant getFirstSeen() {
        return profile.firstSeen;
    }

    /**
     * Whole minutes between the latest transaction and this one (absolute, so a late transaction compares
     * the same way); {@link #NEVER} for a new card, so "less than N minutes" never holds for it.
     */
    public long getMinutesSinceLast() {
        if (profile.lastEventTime == null) {
            return NEVER;
        }
        return Duration.between(profile.lastEventTime, asOf).abs().toMinutes();
    }

    /** Hour of day (0-23) of the scored transaction's event time, in UTC. */
    public int getHourUtc() {
        return asOf.atOffset(ZoneOffset.UTC).getHour();
    }

    public Instant getAsOf() {
        return asOf;
    }

    @Override
    public String toString() {
        return "CardSnapshot{asOf=" + asOf + ", txCount=" + getTxCount() + ", count1m=" + getCount1m()
                + ", count1h=" + getCount1h() + ", count24h=" + getCount24h() + ", lastCountry=" + getLastCountry()
                + "}";
    }
}
