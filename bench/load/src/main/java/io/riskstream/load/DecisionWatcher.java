package io.riskstream.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.apicurio.registry.serde.Legacy4ByteIdHandler;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.riskstream.demo.DemoProducer;
import io.riskstream.events.FraudDecision;

/**
 * What a downstream reader sees: a {@code read_committed} consumer of {@code fraud-decisions} on a thread of its
 * own, from the beginning, noting when it sees each decision. Decisions are counted once per
 * {@code transactionId}; a second one is counted apart as a duplicate (exactly-once says there are none).
 *
 * <p>Latency: a decision of a transaction whose id starts with the latency prefix adds (time seen − the
 * transaction's eventTime) to the samples, when its eventTime is inside the measured window. Both clocks are
 * this machine's.
 */
final class DecisionWatcher implements AutoCloseable {

    static final String TOPIC = "fraud-decisions";
    /** Every this many distinct decisions, the time is noted: the drain's course, warm-up and all. */
    static final int MILESTONE = 100;
    private static final Duration POLL = Duration.ofMillis(50);

    private final KafkaConsumer<String, FraudDecision> consumer;
    private final Thread thread;
    private final Set<String> seen = new HashSet<>();
    private final AtomicLong unique = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong firstSeen = new AtomicLong();
    private final AtomicLong lastSeen = new AtomicLong();
    private final AtomicLong firstAfterMark = new AtomicLong();
    private volatile long mark = Long.MAX_VALUE;
    private volatile String latencyPrefix = null;
    private volatile long latencyFrom = Long.MAX_VALUE;
    private volatile long latencyUntil = Long.MIN_VALUE;
    private final LongSamples latencies = new LongSamples();
    private final LongSamples milestones = new LongSamples();
    private volatile RuntimeException failure;

    DecisionWatcher(String bootstrapServers, String registryUrl, List<TopicPartition> partitions) {
        this.consumer = new KafkaConsumer<>(readerConfig(bootstrapServers, registryUrl));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "decision-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** A downstream reader's settings: {@code read_committed}, the decisions as the generated Avro class. */
    static Map<String, Object> readerConfig(String bootstrapServers, String registryUrl) {
        Map<String, Object> config = new HashMap<>(DemoProducer.registry(registryUrl));
        config.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        // The app writes its topics in the Confluent framing: the content id in 4 bytes after a magic byte.
        config.put(SerdeConfig.ID_HANDLER, Legacy4ByteIdHandler.class.getName());
        config.put(SerdeConfig.USE_ID, IdOption.contentId.name());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class);
        return config;
    }

    private void run() {
        try {
            while (true) {
                ConsumerRecords<String, FraudDecision> polled = consumer.poll(POLL);
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, FraudDecision> record : polled) {
                    see(record.value(), now);
                }
            }
        } catch (WakeupException closing) {
            // close() asked
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void see(FraudDecision decision, long now) {
        String id = decision.getTransactionId();
        if (!seen.add(id)) {
            duplicates.incrementAndGet();
            return;
        }
        firstSeen.compareAndSet(0, now);
        lastSeen.set(now);
        if (now >= mark) {
            firstAfterMark.compareAndSet(0, now);
        }
        String prefix = latencyPrefix;
        long eventTime = decision.getEventTime().toEpochMilli();
        if (prefix != null && id.startsWith(prefix) && eventTime >= latencyFrom && eventTime < latencyUntil) {
            latencies.add(now - eventTime);
        }
        if (unique.incrementAndGet() % MILESTONE == 0) {
            milestones.add(now);
        }
    }

    long decisions() {
        check();
        return unique.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    /** When the {@code k}-th distinct decision was seen, {@code k} a multiple of {@link #MILESTONE} ≤ decisions. */
    long seenAt(long k) {
        return milestones.get((int) (k / MILESTONE) - 1);
    }

    long firstSeen() {
        return firstSeen.get();
    }

    long lastSeen() {
        return lastSeen.get();
    }

    /** From now on, note the time of the first new decision seen at or after {@code epochMillis}. */
    void markFrom(long epochMillis) {
        firstAfterMark.set(0);
        mark = epochMillis;
    }

    /** The first new decision seen at or after the mark; 0 while there is none. */
    long firstAfterMark() {
        check();
        return firstAfterMark.get();
    }

    /** Starts collecting latencies of transactions whose id starts with {@code prefix}, eventTime in [from, until). */
    void measureLatency(String prefix, long fromEpochMillis, long untilEpochMillis) {
        latencyUntil = untilEpochMillis;
        latencyFrom = fromEpochMillis;
        latencyPrefix = prefix;
    }

    int latencyCount() {
        return latencies.size();
    }

    /** The latencies collected so far, and stops collecting. */
    long[] stopLatency() {
        latencyPrefix = null;
        return latencies.toArray();
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("the decision watcher failed", failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
