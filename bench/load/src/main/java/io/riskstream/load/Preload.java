package io.riskstream.load;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.riskstream.demo.DemoProducer;

/**
 * Fills an input topic before the app starts: {@code count} records sent as an upstream producer sends them
 * (the demo's producer settings: Avro through the registry, the schema id in the headers), with bigger batches,
 * since here only the time to fill matters and it is not a measured figure.
 */
final class Preload {

    private static final int BATCH_BYTES = 512 * 1024;
    private static final int LINGER_MS = 50;

    private Preload() {
    }

    static Map<String, Object> producerConfig(String bootstrapServers, String registryUrl) {
        Map<String, Object> config = new HashMap<>(DemoProducer.config(bootstrapServers, registryUrl));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "riskstream-load");
        return config;
    }

    /** Sends {@code count} records made by {@code make} (given the index), and waits until all are written. */
    static <T> Duration send(String bootstrapServers, String registryUrl, String topic, int count,
                             Function<Integer, Keyed<T>> make) {
        Map<String, Object> config = producerConfig(bootstrapServers, registryUrl);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (Producer<String, Object> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < count && failure.get() == null; i++) {
                Keyed<T> record = make.apply(i);
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("pre-loading " + topic + " failed", failure.get());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** A record to send: its key and its Avro value. */
    record Keyed<T>(String key, T value) {
    }

    /** Event times spread evenly over {@code span} before {@code end}, in sending order. */
    static Instant spread(Instant end, Duration span, int index, int count) {
        return end.minus(span).plusMillis(span.toMillis() * index / Math.max(count, 1));
    }
}
