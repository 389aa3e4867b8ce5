package io.riskstream.fraud.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Headers;

import io.riskstream.events.Transaction;
import io.riskstream.platform.Decoded;

/** Where a backtest reads history: {@code transactions} partition by partition, and the decisions recorded. */
interface TransactionLog extends AutoCloseable {

    /** One record of a partition, decoded as scoring decodes it, with the time it was written. */
    record Entry(String key, Decoded<Transaction> value, Headers headers, Instant writtenAt) {
    }

    /** What a decision on {@code fraud-decisions} said, all a backtest keeps of it. */
    record Recorded(String decision, int score, long rulesetVersion) {
    }

    /** What one partition's reading calls back with, in offset order; false stops the reading (cancelled). */
    interface Reader {
        boolean next(Entry entry);
    }

    /** The partitions of {@code transactions}. */
    List<Integer> partitions();

    /**
     * About how many records there are to read, up to the ends as of now: every record of {@code transactions}, and
     * the decisions of {@code fraud-decisions} from the first at {@code from} or later. Counted in offsets, which a
     * transaction's commit marker takes too: a backtest ends somewhat below it.
     */
    long size(Instant from);

    /** Reads {@code partition} from its first record to its end as of {@link #size}'s now, in offset order. */
    void read(int partition, Reader reader);

    /**
     * The decisions of {@code fraud-decisions} on transactions of event time in [from, to), by transaction id;
     * {@code each} is run for every record read.
     */
    Map<String, Recorded> decisions(Instant from, Instant to, Runnable each);

    @Override
    void close();
}
