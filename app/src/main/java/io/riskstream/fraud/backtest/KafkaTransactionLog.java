package io.riskstream.fraud.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.Transaction;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.Topics;

/**
 * {@link TransactionLog} on the cluster: a consumer of the backtest's own (no group, nothing committed,
 * {@code read_committed} as scoring reads), assigned one partition at a time, paced to at most
 * {@code maxRecordsPerSecond} so that live scoring keeps the machine.
 */
final class KafkaTransactionLog implements TransactionLog {

    /** Offsets of a partition to read: from {@code start} to before {@code end}. */
    private record Span(long start, long end) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTransactionLog.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<String, byte[]> consumer;
    private final Deserializer<Decoded<Transaction>> transactions;
    private final Deserializer<FraudDecision> decisions;
    private final int maxRecordsPerSecond;
    private final Duration stall;
    /** Per partition of both topics, the offsets to read: see {@link #spans}. */
    private final Map<TopicPartition, Span> spans = new HashMap<>();
    private long paced;
    private long pacingSince;

    /**
     * @param consumer a new {@code read_committed} consumer, closed with this log
     * @param stall    how long a partition may go without a record before its end before the read fails
     */
    KafkaTransactionLog(Consumer<String, byte[]> consumer, Deserializer<Decoded<Transaction>> transactions,
                        Deserializer<FraudDecision> decisions, int maxRecordsPerSecond, Duration stall) {
        this.consumer = consumer;
        this.transactions = transactions;
        this.decisions = decisions;
        this.maxRecordsPerSecond = maxRecordsPerSecond;
        this.stall = stall;
    }

    @Override
    public List<Integer> partitions() {
        return partitionsOf(Topics.TRANSACTIONS.name()).stream().map(TopicPartition::partition).sorted().toList();
    }

    @Override
    public long size(Instant from) {
        return spans(from).values().stream().mapToLong(span -> span.end() - span.start()).sum();
    }

    /**
     * What there is to read, per partition, up to the ends as of the first call: every record of {@code
     * transactions}, and the decisions of {@code fraud-decisions} from the first at {@code from} or later. Asked of
     * the cluster once, so that the reading ends where {@link #size} counted.
     */
    private Map<TopicPartition, Span> spans(Instant from) {
        if (spans.isEmpty()) {
            List<TopicPartition> all = partitionsOf(Topics.TRANSACTIONS.name());
            // Under read_committed the end is the last stable offset: a transaction still open is not waited for.
            Map<TopicPartition, Long> start = consumer.beginningOffsets(all);
            consumer.endOffsets(all).forEach((tp, end) -> spans.put(tp, new Span(start.get(tp), end)));
            List<TopicPartition> decided = partitionsOf(Topics.FRAUD_DECISIONS.name());
            // A decision's timestamp is its transaction's event time: every offset before the first at `from` or
            // later is of an earlier transaction.
            Map<TopicPartition, OffsetAndTimestamp> first = consumer.offsetsForTimes(decided.stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> from.toEpochMilli())));
            consumer.endOffsets(decided).forEach((tp, end) -> {
                if (first.get(tp) != null) {
                    spans.put(tp, new Span(first.get(tp).offset(), end));
                }
            });
        }
        return spans;
    }

    @Override
    public void read(int partition, Reader reader) {
        TopicPartition tp = new TopicPartition(Topics.TRANSACTIONS.name(), partition);
        readSpan(tp, record -> {
            Decoded<Transaction> value = transactions.deserialize(tp.topic(), record.headers(), record.value());
            return reader.next(new Entry(record.key(), value, record.headers(),
                    Instant.ofEpochMilli(record.timestamp())));
        });
    }

    @Override
    public Map<String, Recorded> decisions(Instant from, Instant to, Runnable each) {
        Map<String, Recorded> found = new HashMap<>();
        spans(from).keySet().stream().filter(tp -> tp.topic().equals(Topics.FRAUD_DECISIONS.name()))
                .forEach(tp -> readSpan(tp, record -> {
                    each.run();
                    FraudDecision decision = decodedDecision(record);
                    if (decision != null && !decision.getEventTime().isBefore(from)
                            && decision.getEventTime().isBefore(to)) {
                        found.putIfAbsent(decision.getTransactionId(), new Recorded(decision.getDecision(),
                                decision.getScore(), decision.getRulesetVersion()));
                    }
                    return true;
                }));
        return found;
    }

    private FraudDecision decodedDecision(ConsumerRecord<String, byte[]> record) {
        try {
            return decisions.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("Decision at {}-{} offset {} cannot be read; its transaction's baseline is the active version: {}",
                    record.topic(), record.partition(), record.offset(), e.toString());
            return null;
        }
    }

    /** Reads the span of {@code tp}, record by record, until {@code each} says to stop. */
    private void readSpan(TopicPartition tp, Predicate<ConsumerRecord<String, byte[]>> each) {
        Span span = spans.get(tp);
        if (span == null) {
            return;
        }
        consumer.assign(List.of(tp));
        consumer.seek(tp, span.start());
        long end = span.end();
        Instant lastProgress = Instant.now();
        while (consumer.position(tp) < end) {
            List<ConsumerRecord<String, byte[]>> records = consumer.poll(POLL).records(tp);
            if (records.isEmpty()) {
                if (Duration.between(lastProgress, Instant.now()).compareTo(stall) > 0) {
                    throw new IllegalStateException("no record of " + tp + " for " + stall + " at offset "
                            + consumer.position(tp) + ", before its end " + end);
                }
                continue;
            }
            lastProgress = Instant.now();
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.offset() >= end || !each.test(record)) {
                    return;
                }
            }
            pace(records.size());
        }
    }

    /** Sleeps as long as it takes to stay at or below {@code maxRecordsPerSecond} since the first record. */
    private void pace(int records) {
        long now = System.nanoTime();
        if (paced == 0) {
            pacingSince = now;
        }
        paced += records;
        long due = pacingSince + paced * 1_000_000_000L / maxRecordsPerSecond;
        if (due > now) {
            try {
                Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private List<TopicPartition> partitionsOf(String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    @Override
    public void close() {
        consumer.close();
        transactions.close();
        decisions.close();
    }
}
