package io.riskstream.load;

import java.util.Arrays;

/**
 * Percentiles of latencies by the nearest-rank method: the p-th percentile is a latency that was measured (the
 * smallest one at or above which p% of the samples lie), never an interpolation between two.
 */
final class Percentiles {

    private final long[] sorted;

    Percentiles(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The {@code percent}-th percentile (0 &lt; percent ≤ 100); -1 when there are no samples. */
    long at(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    long max() {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }
}
