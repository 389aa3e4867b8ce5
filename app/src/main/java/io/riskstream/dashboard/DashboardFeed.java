package io.riskstream.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.MultiCountryAlert;
import io.riskstream.events.TopPages;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.Topic;
import io.riskstream.platform.Topics;

/**
 * Reads what the dashboard shows into its holders, on a background thread: a plain consumer without a group
 * that is assigned every partition, so that every instance sees everything, reading only committed records.
 * At start it reads the last few records of each top-pages and alerts partition, and the decisions of the
 * rate window; from then on it follows the topics.
 */
final class DashboardFeed implements SmartLifecycle {

    static final String UNREADABLE_METRIC = "riskstream.dashboard.unreadable";
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(DashboardFeed.class);
    private static final List<Topic<? extends SpecificRecord>> TAIL = List.of(Topics.TOP_PAGES, Topics.FRAUD_ALERTS,
            Topics.LOGIN_ALERTS, Topics.LOGIN_ALERTS_LATE);

    private final Map<String, Object> consumerConfig;
    private final Map<String, Deserializer<? extends SpecificRecord>> values = new HashMap<>();
    private final DashboardSettings settings;
    private final LatestTopPages topPages;
    private final RecentAlerts alerts;
    private final DecisionRates rates;
    private final ShadowAgreement shadow;
    private final Clock clock;
    private final Counter unreadable;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    DashboardFeed(Map<String, Object> consumerConfig, AvroSerdes serdes, DashboardSettings settings,
                  LatestTopPages topPages, RecentAlerts alerts, DecisionRates rates, ShadowAgreement shadow,
                  Clock clock, MeterRegistry meters) {
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TAIL.forEach(topic -> values.put(topic.name(), serdes.of(topic).deserializer()));
        values.put(Topics.FRAUD_DECISIONS.name(), serdes.of(Topics.FRAUD_DECISIONS).deserializer());
        values.put(Topics.FRAUD_DECISIONS_SHADOW.name(), serdes.of(Topics.FRAUD_DECISIONS_SHADOW).deserializer());
        this.settings = settings;
        this.topPages = topPages;
        this.alerts = alerts;
        this.rates = rates;
        this.shadow = shadow;
        this.clock = clock;
        this.unreadable = meters.counter(UNREADABLE_METRIC);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::follow, "dashboard-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, byte[]> reading = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = reading;
                assignAndPosition(reading);
                while (running) {
                    reading.poll(settings.pollTimeout()).forEach(this::apply);
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("dashboard feed failed, starting over: {}", e.toString());
            }
        }
    }

    private void assignAndPosition(KafkaConsumer<String, byte[]> reading) {
        List<TopicPartition> tail = partitions(reading, TAIL);
        List<TopicPartition> decisions = partitions(reading, List.of(Topics.FRAUD_DECISIONS,
                Topics.FRAUD_DECISIONS_SHADOW));
        List<TopicPartition> all = new ArrayList<>(tail);
        all.addAll(decisions);
        reading.assign(all);
        Map<TopicPartition, Long> beginnings = reading.beginningOffsets(all);
        Map<TopicPartition, Long> ends = reading.endOffsets(all);
        tail.forEach(partition -> reading.seek(partition,
                Math.max(beginnings.get(partition), ends.get(partition) - settings.backlog())));
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = clock.instant().minus(settings.rateWindow()).toEpochMilli();
        decisions.forEach(partition -> since.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> found = reading.offsetsForTimes(since);
        decisions.forEach(partition -> reading.seek(partition,
                found.get(partition) == null ? ends.get(partition) : found.get(partition).offset()));
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> reading,
                                                   List<? extends Topic<?>> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<?> topic : topics) {
            reading.partitionsFor(topic.name()).forEach(info -> partitions.add(
                    new TopicPartition(info.topic(), info.partition())));
        }
        return partitions;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        Object value;
        try {
            value = values.get(record.topic()).deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            unreadable.increment();
            return;
        }
        if (value instanceof TopPages top) {
            topPages.offer(top);
        } else if (value instanceof MultiCountryAlert alert) {
            alerts.offer(alert);
        } else if (value instanceof FraudDecision decision) {
            if (record.topic().equals(Topics.FRAUD_ALERTS.name())) {
                alerts.offer(decision);
            } else if (record.topic().equals(Topics.FRAUD_DECISIONS_SHADOW.name())) {
                shadow.shadow(decision.getTransactionId(), decision.getDecision(), decision.getRulesetVersion(),
                        decision.getDecidedAt());
            } else {
                rates.record(decision.getDecision(), decision.getDecidedAt());
                shadow.live(decision.getTransactionId(), decision.getDecision(), decision.getDecidedAt());
            }
        } else {
            unreadable.increment();
        }
    }
}
