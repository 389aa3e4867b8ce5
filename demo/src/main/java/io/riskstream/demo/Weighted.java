package io.riskstream.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Picks items with fixed relative weights, for example countries by card share or pages by popularity. */
final class Weighted<T> {

    private final List<T> items;
    private final double[] cumulative;

    Weighted(List<T> items, List<Double> weights) {
        if (items.isEmpty() || items.size() != weights.size()) {
            throw new IllegalArgumentException("need one weight per item, and at least one item");
        }
        this.items = List.copyOf(items);
        this.cumulative = new double[items.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            if (weights.get(i) <= 0) {
                throw new IllegalArgumentException("weights must be positive: " + items.get(i));
            }
            sum += weights.get(i);
            cumulative[i] = sum;
        }
    }

    /** Zipf-like popularity: the item of rank {@code r} (from 1) weighs {@code 1 / r^exponent}. */
    static <T> Weighted<T> zipf(List<T> byRank, double exponent) {
        List<Double> weights = new ArrayList<>(byRank.size());
        for (int rank = 1; rank <= byRank.size(); rank++) {
            weights.add(1 / Math.pow(rank, exponent));
        }
        return new Weighted<>(byRank, weights);
    }

    T pick(RandomGenerator random) {
        double target = random.nextDouble(cumulative[cumulative.length - 1]);
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > target) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return items.get(low);
    }
}
