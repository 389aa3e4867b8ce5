package io.riskstream.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends demo traffic to the input topics until closed: every {@code tick}, rate × tick transactions, logins
 * and site events, from one scheduler thread. A failed send is counted and logged now and then; it never
 * stops the traffic. What was sent is logged every {@link #SUMMARY_INTERVAL}.
 */
public final class DemoTraffic implements AutoCloseable {

    /** At most one line about failed sends this often: a broker away for an hour must not flood the log. */
    static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(30);
    /** How often the totals sent so far are logged: the local run's sign that traffic flows. */
    static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);
    /** How long stopping waits for the batch under way, then for the records in flight. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

    private final Duration tick;
    private final List<Feed<?>> feeds;
    private final Supplier<Producer<String, Object>> producers;
    private final DemoStats stats;
    private final Clock clock;
    private final AtomicLong lastFailureLog = new AtomicLong(-FAILURE_LOG_INTERVAL.toMillis());
    private final AtomicLong failuresNotLogged = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private Producer<String, Object> producer;
    private volatile boolean running;

    DemoTraffic(Duration tick, List<Feed<?>> feeds, Supplier<Producer<String, Object>> producers, Clock clock) {
        this.tick = tick;
        this.feeds = List.copyOf(feeds);
        this.producers = producers;
        this.stats = new DemoStats(this.feeds.stream().map(Feed::topic).toList());
        this.clock = clock;
    }

    /**
     * Starts sending to the broker at {@code bootstrapServers}, values in Avro through the registry at
     * {@code registryUrl} (its v2 API), which must hold the schema catalog already.
     */
    public static DemoTraffic start(String bootstrapServers, String registryUrl, DemoSettings settings) {
        return start(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), registryUrl, Map.of(),
                settings);
    }

    /**
     * Starts sending to the brokers that {@code connection} reaches (Kafka client settings: bootstrap servers,
     * security protocol, TLS, SASL), values in Avro through the registry at {@code registryUrl} with Apicurio's
     * client settings {@code registryClient} (authentication, TLS).
     */
    public static DemoTraffic start(Map<String, ?> connection, String registryUrl, Map<String, ?> registryClient,
                                    DemoSettings settings) {
        Clock clock = Clock.systemUTC();
        DemoTraffic traffic = new DemoTraffic(settings.tick(), feeds(settings, clock),
                () -> DemoProducer.create(connection, registryUrl, registryClient), clock);
        traffic.start();
        return traffic;
    }

    static List<Feed<?>> feeds(DemoSettings settings, Clock clock) {
        return List.of(
                new Feed<>(DemoTopics.TRANSACTIONS, new TransactionGenerator(clock, RandomGenerator.getDefault()),
                        settings.transactionsPerSecond()),
                new Feed<>(DemoTopics.LOGINS, new LoginGenerator(clock, RandomGenerator.getDefault()),
                        settings.loginsPerSecond()),
                new Feed<>(DemoTopics.SITE_EVENTS, new SiteEventGenerator(clock, RandomGenerator.getDefault()),
                        settings.siteEventsPerSecond()));
    }

    synchronized void start() {
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
        scheduler.scheduleAtFixedRate(() -> log.info("Demo traffic so far: {}", stats.summary()),
                SUMMARY_INTERVAL.toMillis(), SUMMARY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
        log.info("Demo traffic on, a batch every {} ms: {}", tick.toMillis(), feeds.stream()
                .map(feed -> feed.perSecond() + "/s to " + feed.topic()).collect(Collectors.joining(", ")));
    }

    /** Stops the traffic, sending what is still buffered; the next call does nothing. */
    @Override
    public synchronized void close() {
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
        log.info("Demo traffic off: {}", stats.summary());
    }

    boolean isRunning() {
        return running;
    }

    DemoStats stats() {
        return stats;
    }

    /** One batch of every feed. Never throws: an exception would end the scheduler's repetitions. */
    void tick(Producer<String, Object> producer) {
        for (Feed<?> feed : feeds) {
            try {
                send(feed, producer);
            } catch (RuntimeException e) {
                failed(feed.topic(), e);
            }
        }
    }

    private <T> void send(Feed<T> feed, Producer<String, Object> producer) {
        String topic = feed.topic();
        for (Keyed<T> record : feed.nextBatch(tick)) {
            if (!record.isNormal()) {
                stats.inPattern(topic);
            }
            try {
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (metadata, error) -> {
                    if (error == null) {
                        stats.sent(topic);
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
        stats.failed(topic);
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
