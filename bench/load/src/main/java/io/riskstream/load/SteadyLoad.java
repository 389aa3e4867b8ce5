package io.riskstream.load;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.riskstream.events.Transaction;

/**
 * New transactions at a steady rate, each stamped with the time it is handed to the producer, until closed:
 * the traffic of the latency and restart measurements. Paced against the start time (not tick by tick), so that
 * a late tick catches up instead of lowering the rate. Counts what it sent with an eventTime inside the measured
 * window, so that decisions that never came are reported rather than silently missing from the percentiles.
 */
final class SteadyLoad implements AutoCloseable {

    /** Short: the producer's wait is part of the measured latency, as it would be upstream's; 5 ms is Kafka's default. */
    static final int LINGER_MS = 5;
    private static final Duration TICK = Duration.ofMillis(5);

    private final Producer<String, Object> producer;
    private final TransactionMaker maker;
    private final int rate;
    private final long windowFrom;
    private final long windowUntil;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    SteadyLoad(String bootstrapServers, String registryUrl, TransactionMaker maker, int rate, long windowFrom,
               long windowUntil) {
        Map<String, Object> config = Preload.producerConfig(bootstrapServers, registryUrl);
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        this.producer = new KafkaProducer<>(config);
        this.maker = maker;
        this.rate = rate;
        this.windowFrom = windowFrom;
        this.windowUntil = windowUntil;
        this.thread = new Thread(this::run, "steady-load");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        pace(rate, () -> running, this::sendOne);
    }

    private void sendOne() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Transaction tx = maker.next(now);
        long at = now.toEpochMilli();
        if (at >= windowFrom && at < windowUntil) {
            inWindow.incrementAndGet();
        }
        producer.send(new ProducerRecord<>(TransactionsTopic.NAME, tx.getCardId(), tx), (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            }
        });
        sent.incrementAndGet();
    }

    /**
     * Calls {@code sendOne} {@code rate} times a second while {@code running} says so, paced against the start (not
     * tick by tick), so that a late tick catches up instead of lowering the rate; returns when interrupted.
     */
    static void pace(int rate, BooleanSupplier running, Runnable sendOne) {
        long start = System.nanoTime();
        long sent = 0;
        while (running.getAsBoolean()) {
            long due = (System.nanoTime() - start) / 1_000_000 * rate / 1000;
            for (; sent < due && running.getAsBoolean(); sent++) {
                sendOne.run();
            }
            try {
                Thread.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long sent() {
        return sent.get();
    }

    long inWindow() {
        return inWindow.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
        producer.close(Duration.ofSeconds(10));
    }
}
