package io.riskstream.load;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.riskstream.events.Transaction;

/**
 * The payment gateway of the zone drill: new transactions at a steady rate, each stamped with the time it is handed
 * to the producer, and the ids of those the cluster acknowledged (acks=all, idempotent). An acknowledged
 * transaction is one the platform owes a decision; one the producer gave up on is counted apart, never as lost.
 * It waits out a zone's loss as a gateway would: its sends retry for minutes rather than fail.
 */
final class DrillTraffic implements AutoCloseable {

    private static final int DELIVERY_TIMEOUT_MS = 600_000;

    private final Producer<String, Object> producer;
    private final TransactionMaker maker;
    private final int rate;
    private final Thread thread;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    DrillTraffic(String bootstrapServers, String registryUrl, TransactionMaker maker, int rate) {
        Map<String, Object> config = Preload.producerConfig(bootstrapServers, registryUrl);
        config.put(ProducerConfig.LINGER_MS_CONFIG, SteadyLoad.LINGER_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        this.producer = new KafkaProducer<>(config);
        this.maker = maker;
        this.rate = rate;
        this.thread = new Thread(this::run, "drill-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        SteadyLoad.pace(rate, () -> running, this::sendOne);
    }

    private void sendOne() {
        Transaction tx = maker.next(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        String id = tx.getTransactionId();
        sent.incrementAndGet();
        try {
            producer.send(new ProducerRecord<>(TransactionsTopic.NAME, tx.getCardId(), tx), (metadata, error) -> {
                if (error == null) {
                    acknowledged.add(id);
                } else {
                    failed.incrementAndGet();
                }
            });
        } catch (RuntimeException refused) {
            // Not sent at all (the registry unreachable, say): the gateway knows, so it is not lost.
            if (failed.getAndIncrement() == 0) {
                System.err.println("the gateway could not send a transaction: " + refused);
            }
        }
    }

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    /** The transactions the cluster acknowledged so far. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Stops sending and waits for every send in flight to be acknowledged or given up. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
        producer.flush();
        producer.close(Duration.ofSeconds(30));
    }
}
