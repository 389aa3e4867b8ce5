package io.riskstream.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * {@code riskstream_consumer_lag{group,topic,partition}}: for each stream's consumer group, how many committed
 * records of each partition it reads are not yet committed as processed, as {@code kafka-consumer-groups.sh}
 * computes it (the end of the partition for a read_committed reader, minus the group's committed offset). Asked of
 * the brokers every {@link #EVERY}, so it is there when the consumer that should report it is not (a dead thread, a
 * stopped instance) and counts every partition whatever instance owns it. Kafka's own per-partition
 * {@code records-lag} is a client metric of whoever consumes the partition now, and gone with it.
 */
final class ConsumerLag implements SmartLifecycle {

    static final String METRIC = "riskstream.consumer.lag";
    static final Duration EVERY = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);

    private final KafkaClients kafka;
    private final List<String> groups;
    private final MultiGauge lag;
    private ScheduledExecutorService scheduler;
    private Admin admin;
    private boolean failing;

    ConsumerLag(KafkaClients kafka, List<String> groups, MeterRegistry meters) {
        this.kafka = kafka;
        this.groups = List.copyOf(groups);
        this.lag = MultiGauge.builder(METRIC).description("records of a partition a stream's group has not committed"
                + " as processed").register(meters);
    }

    @Override
    public synchronized void start() {
        admin = Admin.create(kafka.admin());
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::measure, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    void measure() {
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                committed.values().removeIf(offset -> offset == null);
                if (committed.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                lags(committed, ends).forEach((partition, records) -> rows.add(MultiGauge.Row.of(Tags.of(
                        "group", group, "topic", partition.topic(), "partition", String.valueOf(partition.partition())),
                        records)));
            }
            lag.register(rows, true);
            if (failing) {
                LOG.info("Consumer lag measured again");
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The last figures stay; the brokers being away shows in the streams' health and logs too.
            if (!failing) {
                LOG.warn("Cannot measure consumer lag (the figures stay as last measured): {}", e.toString());
                failing = true;
            }
        }
    }

    /** Per partition, the records between the group's committed offset and the end; never below zero. */
    static Map<TopicPartition, Long> lags(Map<TopicPartition, OffsetAndMetadata> committed,
                                         Map<TopicPartition, ListOffsetsResultInfo> ends) {
        Map<TopicPartition, Long> lags = new HashMap<>();
        committed.forEach((partition, offset) -> {
            ListOffsetsResultInfo end = ends.get(partition);
            if (end != null) {
                lags.put(partition, Math.max(0, end.offset() - offset.offset()));
            }
        });
        return lags;
    }
}
