package io.riskstream.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.riskstream.events.FraudDecision;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.Topics;

/**
 * {@code fraud-decisions} (or another topic of decisions) as a {@code read_committed} reader sees it from the beginning: how many decisions
 * each transactionId has. Not thread-safe: one test thread polls it.
 */
final class DecisionLog implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, Object> consumer;
    private final String topic;
    private final Map<String, Integer> counts = new HashMap<>();

    DecisionLog(String bootstrap, String registry) {
        this(bootstrap, registry, Topics.FRAUD_DECISIONS.name());
    }

    /** The same of another topic of decisions: {@code fraud-decisions-shadow}. */
    DecisionLog(String bootstrap, String registry, String topic) {
        this.topic = topic;
        this.consumer = TestClients.avroConsumer(bootstrap, registry, topic);
    }

    /** Reads what has been committed since the last poll. */
    void poll() {
        for (ConsumerRecord<String, Object> record : consumer.poll(POLL)) {
            counts.merge(((FraudDecision) record.value()).getTransactionId(), 1, Integer::sum);
        }
    }

    /** Polls until {@code done}, or fails after {@code timeout} saying {@code what} was awaited. */
    void pollUntil(BooleanSupplier done, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            poll();
        }
    }

    /** Polls until this reader has reached the end of every partition, as far as it is committed. */
    void pollToEnd(Duration timeout) {
        pollUntil(this::atEnd, timeout, "the end of " + topic);
    }

    /** How many of {@code ids} have at least one decision. */
    long decided(Collection<String> ids) {
        return ids.stream().filter(counts::containsKey).count();
    }

    /** Those of {@code ids} that have no decision or more than one, with their counts. */
    Map<String, Integer> notExactlyOnce(Collection<String> ids) {
        Map<String, Integer> off = new TreeMap<>();
        ids.forEach(id -> {
            int count = counts.getOrDefault(id, 0);
            if (count != 1) {
                off.put(id, count);
            }
        });
        return off;
    }

    private boolean atEnd() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            poll();
            return false;
        }
        // For a read_committed consumer the end offsets are the last stable offsets.
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
        boolean atEnd = ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        if (!atEnd) {
            poll();
        }
        return atEnd;
    }

    @Override
    public void close() {
        consumer.close();
    }

    static List<String> sample(Map<String, Integer> off) {
        return off.entrySet().stream().limit(20).map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
