package io.riskstream.fraud;

import java.time.Duration;
import java.time.Instant;

/**
 * The sliding horizons of a card's state, fixed by the contract. Each is kept as a bounded number of
 * buckets, so a horizon is exact to within one bucket: a transaction counts while its bucket is one of
 * the last {@code buckets} buckets up to and including the bucket of the time asked about.
 */
enum Horizon {
    ONE_MINUTE(Duration.ofSeconds(1), 60),
    ONE_HOUR(Duration.ofMinutes(1), 60),
    ONE_DAY(Duration.ofHours(1), 24);

    private final long bucketMillis;
    private final int buckets;

    Horizon(Duration bucket, int buckets) {
        this.bucketMillis = bucket.toMillis();
        this.buckets = buckets;
    }

    long bucketOf(Instant time) {
        return Math.floorDiv(time.toEpochMilli(), bucketMillis);
    }

    int buckets() {
        return buckets;
    }

    /** Whether a bucket still counts as of the bucket {@code current}. */
    boolean covers(long bucket, long current) {
        return bucket <= current && bucket > current - buckets;
    }
}
