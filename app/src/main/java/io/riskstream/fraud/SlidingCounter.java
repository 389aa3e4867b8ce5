package io.riskstream.fraud;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntToLongFunction;

/**
 * Count and sum of amounts over one {@link Horizon}, as sparse buckets sorted by bucket number: only
 * buckets with transactions are kept, and never more than the horizon's bucket count. Immutable.
 */
final class SlidingCounter {

    private final Horizon horizon;
    private final long[] bucketIds;
    private final long[] counts;
    private final long[] sums;

    SlidingCounter(Horizon horizon, long[] bucketIds, long[] counts, long[] sums) {
        this.horizon = horizon;
        this.bucketIds = bucketIds;
        this.counts = counts;
        this.sums = sums;
    }

    static SlidingCounter empty(Horizon horizon) {
        return new SlidingCounter(horizon, new long[0], new long[0], new long[0]);
    }

    SlidingCounter plus(Instant time, long amount) {
        long bucket = horizon.bucketOf(time);
        int at = Arrays.binarySearch(bucketIds, bucket);
        long[] ids;
        long[] newCounts;
        long[] newSums;
        if (at >= 0) {
            ids = bucketIds.clone();
            newCounts = counts.clone();
            newSums = sums.clone();
            newCounts[at]++;
            newSums[at] += amount;
        } else {
            int insert = -at - 1;
            ids = insertAt(bucketIds, insert, bucket);
            newCounts = insertAt(counts, insert, 1);
            newSums = insertAt(sums, insert, amount);
        }
        return trimmed(ids, newCounts, newSums);
    }

    int countAsOf(Instant time) {
        return (int) totalAsOf(time, i -> counts[i]);
    }

    long sumAsOf(Instant time) {
        return totalAsOf(time, i -> sums[i]);
    }

    Horizon horizon() {
        return horizon;
    }

    int size() {
        return bucketIds.length;
    }

    long bucketId(int i) {
        return bucketIds[i];
    }

    long count(int i) {
        return counts[i];
    }

    long sum(int i) {
        return sums[i];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SlidingCounter that && horizon == that.horizon
                && Arrays.equals(bucketIds, that.bucketIds) && Arrays.equals(counts, that.counts)
                && Arrays.equals(sums, that.sums);
    }

    @Override
    public int hashCode() {
        return Objects.hash(horizon, Arrays.hashCode(bucketIds), Arrays.hashCode(counts), Arrays.hashCode(sums));
    }

    @Override
    public String toString() {
        return horizon + "{buckets=" + Arrays.toString(bucketIds) + ", counts=" + Arrays.toString(counts) + ", sums="
                + Arrays.toString(sums) + "}";
    }

    private long totalAsOf(Instant time, IntToLongFunction valueAt) {
        long current = horizon.bucketOf(time);
        long total = 0;
        for (int i = 0; i < bucketIds.length; i++) {
            if (horizon.covers(bucketIds[i], current)) {
                total += valueAt.applyAsLong(i);
            }
        }
        return total;
    }

    /** Drops the buckets that no longer count as of the newest bucket. */
    private SlidingCounter trimmed(long[] ids, long[] newCounts, long[] newSums) {
        long newest = ids[ids.length - 1];
        int from = 0;
        while (!horizon.covers(ids[from], newest)) {
            from++;
        }
        return new SlidingCounter(horizon,
                Arrays.copyOfRange(ids, from, ids.length),
                Arrays.copyOfRange(newCounts, from, ids.length),
                Arrays.copyOfRange(newSums, from, ids.length));
    }

    private static long[] insertAt(long[] values, int index, long value) {
        long[] result = new long[values.length + 1];
        System.arraycopy(values, 0, result, 0, index);
        result[index] = value;
        System.arraycopy(values, index, result, index + 1, values.length - index);
        return result;
    }
}
