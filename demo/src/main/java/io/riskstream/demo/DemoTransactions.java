package io.riskstream.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.riskstream.events.Transaction;

/**
 * The demo's card transactions made ahead of time instead of sent: the mix of the local run (everyday
 * purchases, about 2.5% in fraud patterns, 0.5% upstream retries), on a clock that moves tick by tick as fast
 * as the generator goes. The same seed makes the same transactions, for benchmarks that measure the same
 * traffic on every run.
 */
public final class DemoTransactions {

    private DemoTransactions() {
    }

    /**
     * The first {@code count} transactions the demo sends from {@code start} at {@code perSecond}, in the
     * order it sends them; a retry repeats an earlier transaction, {@code transactionId} and all.
     */
    public static List<Transaction> recorded(Instant start, int perSecond, int count, long seed) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
        }
        ManualClock clock = new ManualClock(start);
        Feed<Transaction> feed = new Feed<>(DemoTopics.TRANSACTIONS,
                new TransactionGenerator(clock, new SplittableRandom(seed)), perSecond);
        Duration tick = DemoSettings.DEFAULTS.tick();
        List<Transaction> recorded = new ArrayList<>(count);
        while (recorded.size() < count) {
            feed.nextBatch(tick).forEach(record -> recorded.add(record.value()));
            clock.advance(tick);
        }
        return List.copyOf(recorded.subList(0, count));
    }
}
