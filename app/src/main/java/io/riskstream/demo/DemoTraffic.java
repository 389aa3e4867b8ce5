package io.riskstream.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.RiskstreamProperties;
import io.riskstream.platform.Topics;

/**
 * Sends demo traffic to the input topics while the app runs: every {@code tick}, rate × tick transactions,
 * logins and site events, from one scheduler thread. A failed send is counted and logged now and then; it
 * never stops the traffic.
 */
@Component
@ConditionalOnProperty(prefix = "riskstream.demo", name = "enabled", havingValue = "true")
class DemoTraffic implements SmartLifecycle {

    /** Records the broker acknowledged, by topic. */
    static final String SENT_METRIC = "riskstream.demo.sent";
    /** Records that could not be sent, by topic. */
    static final String FAILED_METRIC = "riskstream.demo.failed";
    /** Records sent as part of a pattern (fraud, retry, country hopping), by topic and pattern. */
    static final String PATTERN_METRIC = "riskstream.demo.patterns";
    /** At most one line about failed sends this often: a broker away for an hour must not flood the log. */
    static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(30);
    /** How long stopping waits for the batch under way, then for the records in flight. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

    private final Duration tick;
    private final List<Feed<?>> feeds;
    private final Supplier<Producer<String, Object>> producers;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicLong lastFailureLog = new AtomicLong(-FAILURE_LOG_INTERVAL.toMillis());
    private final AtomicLong failuresNotLogged = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private Producer<String, Object> producer;
    private volatile boolean running;

    @Autowired
    DemoTraffic(RiskstreamProperties properties, AvroSerdes serdes, Clock clock, MeterRegistry meters) {
        this(properties.demo().tick(), feeds(properties.demo(), clock),
                () -> DemoProducer.create(properties.kafka().bootstrapServers(), serdes), meters, clock);
    }

    DemoTraffic(Duration tick, List<Feed<?>> feeds, Supplier<Producer<String, Object>> producers,
                MeterRegistry meters, Clock clock) {
        this.tick = tick;
        this.feeds = List.copyOf(feeds);
        this.producers = producers;
        this.meters = meters;
        this.clock = clock;
        for (Feed<?> feed : this.feeds) {
            // Registered up front, so that dashboards show zero rather than nothing.
            meters.counter(SENT_METRIC, "topic", feed.topic().name());
            meters.counter(FAILED_METRIC, "topic", feed.topic().name());
        }
    }

    static List<Feed<?>> feeds(RiskstreamProperties.Demo demo, Clock clock) {
        return List.of(
                new Feed<>(Topics.TRANSACTIONS, new TransactionGenerator(clock, RandomGenerator.getDefault()),
                        demo.transactionsPerSecond()),
                new Feed<>(Topics.LOGINS, new LoginGenerator(clock, RandomGenerator.getDefault()),
                        demo.loginsPerSecond()),
                new Feed<>(Topics.SITE_EVENTS, new SiteEventGenerator(clock, RandomGenerator.getDefault()),
                        demo.siteEventsPerSecond()));
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        Producer<String, Object> opened = producers.get();
        producer = opened;
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, DemoProducer.CLIENT_ID);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(() -> tick(opened), 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
        log.info("Demo traffic on, a batch every {}: {}", tick, feeds.stream()
                .map(feed -> feed.perSecond() + "/s to " + feed.topic().name()).collect(Collectors.joining(", ")));
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // Closing sends what is still buffered (a flush), waiting at most the timeout for the broker.
        producer.close(STOP_TIMEOUT);
        log.info("Demo traffic off");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One batch of every feed. Never throws: an exception would end the scheduler's repetitions. */
    void tick(Producer<String, Object> producer) {
        for (Feed<?> feed : feeds) {
            try {
                send(feed, producer);
            } catch (RuntimeException e) {
                failed(feed.topic().name(), e);
            }
        }
    }

    private <T> void send(Feed<T> feed, Producer<String, Object> producer) {
        String topic = feed.topic().name();
        for (Keyed<T> record : feed.nextBatch(tick)) {
            if (!record.isNormal()) {
                meters.counter(PATTERN_METRIC, "topic", topic, "pattern", record.pattern()).increment();
            }
            try {
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (metadata, error) -> {
                    if (error == null) {
                        meters.counter(SENT_METRIC, "topic", topic).increment();
                    } else {
                        failed(topic, error);
                    }
                });
            } catch (RuntimeException e) {
                // Serialization (and so the registry) and a full buffer fail here rather than in the callback.
                failed(topic, e);
            }
        }
    }

    private void failed(String topic, Exception error) {
        meters.counter(FAILED_METRIC, "topic", topic).increment();
        long now = clock.millis();
        long last = lastFailureLog.get();
        if (now - last >= FAILURE_LOG_INTERVAL.toMillis() && lastFailureLog.compareAndSet(last, now)) {
            log.warn("Demo traffic could not send to {} ({} other failures since the last report): {}", topic,
                    failuresNotLogged.getAndSet(0), error.toString());
        } else {
            failuresNotLogged.incrementAndGet();
        }
    }
}
