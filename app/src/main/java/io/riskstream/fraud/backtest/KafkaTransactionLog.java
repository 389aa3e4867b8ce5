package io.riskstream.fraud.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTransactionLog.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<String, byte[]> consumer;
    private final Deserializer<Decoded<Transaction>> transactions;
    private final Deserializer<FraudDecision> decisions;
    private final int maxRecordsPerSecond;
    private final Duration stall;
    private final Map<TopicPartition, Long> ends = new HashMap<>();
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
        List<TopicPartition> all = partitionsOf(Topics.TRANSACTIONS.name());
        // Under read_committed the end is the last stable offset: a transaction still open is not waited for.
        Map<TopicPartition, Long> end = consumer.endOffsets(all);
        Map<TopicPartition, Long> start = consumer.beginningOffsets(all);
        ends.putAll(end);
        long transactions = all.stream().mapToLong(tp -> end.get(tp) - start.get(tp)).sum();
        long decisions = 0;
        for (TopicPartition tp : partitionsOf(Topics.FRAUD_DECISIONS.name())) {
            OffsetAndTimestamp first = consumer.offsetsForTimes(Map.of(tp, from.toEpochMilli())).get(tp);
            if (first != null) {
                decisions += consumer.endOffsets(List.of(tp)).get(tp) - first.offset();
            }
        }
        return transactions + decisions;
    }

    @Override
    public void read(int partition, Reader reader) {
        TopicPartition tp = new TopicPartition(Topics.TRANSACTIONS.name(), partition);
        long end = ends.computeIfAbsent(tp, p -> consumer.endOffsets(List.of(p)).get(p));
        readTo(tp, end, record -> {
            Decoded<Transaction> value = transactions.deserialize(tp.topic(), record.headers(), record.value());
            return reader.next(new Entry(record.key(), value, record.headers(), Instant.ofEpochMilli(record.timestamp())));
        }, true);
    }

    @Override
    public Map<String, Recorded> decisions(Instant from, Instant to, Runnable each) {
        Map<String, Recorded> found = new HashMap<>();
        for (TopicPartition tp : partitionsOf(Topics.FRAUD_DECISIONS.name())) {
            // A decision's timestamp is its transaction's event time: every offset before the first at `from` or
            // later is of an earlier transaction.
            OffsetAndTimestamp first = consumer.offsetsForTimes(Map.of(tp, from.toEpochMilli())).get(tp);
            if (first == null) {
                continue;
            }
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            consumer.assign(List.of(tp));
            consumer.seek(tp, first.offset());
            readTo(tp, end, record -> {
                each.run();
                FraudDecision decision = decodedDecision(record);
                if (decision != null && !decision.getEventTime().isBefore(from) && decision.getEventTime().isBefore(to)) {
                    found.putIfAbsent(decision.getTransactionId(), new Recorded(decision.getDecision(),
                            decision.getScore(), decision.getRulesetVersion()));
                }
                return true;
            }, false);
        }
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

    /** Reads {@code tp} from where the consumer is (its start when {@code fromStart}) to {@code end}. */
    private void readTo(TopicPartition tp, long end, Function<ConsumerRecord<String, byte[]>, Boolean> each,
                        boolean fromStart) {
        if (fromStart) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
        }
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
                if (record.offset() >= end) {
                    return;
                }
                if (!each.apply(record)) {
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
