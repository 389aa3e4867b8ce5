package io.riskstream.load;

import java.util.ArrayList;
import java.util.List;

/**
 * When each transaction's first decision was seen in the zone drill, and what the drill asks of it: when decisions
 * came back after a kill, on the first partition and on every one, the latencies of a stretch of time, and the
 * longest pause. Written by the reader's thread, read by the drill's; a query holds the lock while it runs instead of
 * copying the whole timeline, which the drill asks every 100 ms while tens of thousands of decisions accumulate.
 */
final class DrillTimeline {

    /**
     * A transaction's first decision: its eventTime, when the reader saw it, and its partition (the transaction's
     * too: the decision has its key, and both topics have the same partitions).
     */
    record Seen(long eventTime, long seenAt, int partition) {
    }

    private final List<Seen> seen = new ArrayList<>();

    synchronized void add(Seen decision) {
        seen.add(decision);
    }

    /** When the first decision of a transaction sent at or after {@code epochMillis} was seen; 0 if none yet. */
    synchronized long firstSeenOfSentFrom(long epochMillis) {
        return seen.stream().filter(s -> s.eventTime() >= epochMillis).mapToLong(Seen::seenAt).min().orElse(0);
    }

    /**
     * When every one of {@code partitions} had decided a transaction sent at or after {@code epochMillis}: the moment
     * the last of them came back; 0 while one has not.
     */
    synchronized long everyPartitionSeenOfSentFrom(long epochMillis, int partitions) {
        long[] first = new long[partitions];
        for (Seen s : seen) {
            if (s.eventTime() >= epochMillis && (first[s.partition()] == 0 || s.seenAt() < first[s.partition()])) {
                first[s.partition()] = s.seenAt();
            }
        }
        long last = 0;
        for (long at : first) {
            if (at == 0) {
                return 0;
            }
            last = Math.max(last, at);
        }
        return last;
    }

    /** Latencies (seen − eventTime) of transactions sent in [from, until). */
    synchronized long[] latencies(long from, long until) {
        return seen.stream().filter(s -> s.eventTime() >= from && s.eventTime() < until)
                .mapToLong(s -> s.seenAt() - s.eventTime()).toArray();
    }

    /** The longest time in [from, until) during which no new decision was seen, the ends of the span included. */
    synchronized long longestPause(long from, long until) {
        long[] times = seen.stream().mapToLong(Seen::seenAt).filter(t -> t >= from && t < until).sorted()
                .toArray();
        long longest = 0;
        long previous = from;
        for (long t : times) {
            longest = Math.max(longest, t - previous);
            previous = t;
        }
        return Math.max(longest, until - previous);
    }
}
