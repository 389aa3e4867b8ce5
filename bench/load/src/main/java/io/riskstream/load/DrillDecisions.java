package io.riskstream.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import io.riskstream.events.FraudDecision;

/**
 * What a bank's downstream system sees during the zone drill: a {@code read_committed} reader of
 * {@code fraud-decisions} given every broker of both zones, noting for each decision when it saw it. Every
 * decision after a transaction's first is counted as decided twice.
 */
final class DrillDecisions implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);

    private final KafkaConsumer<String, FraudDecision> consumer;
    private final Thread thread;
    private final Map<String, Integer> decisions = new ConcurrentHashMap<>();
    private final DrillTimeline timeline = new DrillTimeline();
    private final AtomicLong twice = new AtomicLong();
    private volatile RuntimeException failure;

    DrillDecisions(String bootstrapServers, String registryUrl, List<TopicPartition> partitions) {
        this.consumer = new KafkaConsumer<>(DecisionWatcher.readerConfig(bootstrapServers, registryUrl));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "drill-decisions");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                var polled = consumer.poll(POLL);
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, FraudDecision> record : polled) {
                    FraudDecision decision = record.value();
                    if (decisions.merge(decision.getTransactionId(), 1, Integer::sum) > 1) {
                        twice.incrementAndGet();
                    } else {
                        timeline.add(new DrillTimeline.Seen(decision.getEventTime().toEpochMilli(), now,
                                record.partition()));
                    }
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

    /** The decisions seen so far, in time; fails if the reader failed. */
    DrillTimeline timeline() {
        check();
        return timeline;
    }

    /** The transactions of {@code ids} that have no decision yet. */
    long missing(Set<String> ids) {
        check();
        return ids.stream().filter(id -> !decisions.containsKey(id)).count();
    }

    long decidedTwice() {
        return twice.get();
    }

    long decided() {
        return decisions.size();
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("the decision reader failed", failure);
        }
    }

    static String percentiles(long[] latencies) {
        if (latencies.length == 0) {
            return "no decisions";
        }
        Percentiles p = new Percentiles(Arrays.copyOf(latencies, latencies.length));
        return String.format("p50 %d ms, p99 %d ms, max %d ms (%,d decisions)", p.at(50), p.at(99), p.max(),
                p.count());
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
