package io.riskstream.fraud;

/**
 * Running mean and standard deviation of a card's amounts (Welford's online algorithm), in minor units
 * as they come: amounts in different currencies are not converted. Immutable.
 */
record AmountStats(long count, double mean, double m2) {

    static final AmountStats EMPTY = new AmountStats(0, 0.0, 0.0);

    AmountStats plus(long amount) {
        long n = count + 1;
        double delta = amount - mean;
        double newMean = mean + delta / n;
        return new AmountStats(n, newMean, m2 + delta * (amount - newMean));
    }

    /** The sample standard deviation; 0 with fewer than two amounts. */
    double stdDev() {
        return count < 2 ? 0.0 : Math.sqrt(m2 / (count - 1));
    }
}
