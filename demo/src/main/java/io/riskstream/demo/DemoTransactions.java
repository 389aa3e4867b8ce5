package io.riskstream.demo;

import java.time.Instant;
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
        ManualClock clock = new ManualClock(start);
        return clock.record(new TransactionGenerator(clock, new SplittableRandom(seed)), perSecond, count);
    }
}
