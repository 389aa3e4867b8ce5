package io.riskstream.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The physical ceiling of a read-process-write job on this machine and broker: the same records read
 * {@code read_committed} and written to another topic by a transactional producer, with the consumer's offsets
 * in the same transaction, one transaction every {@link #COMMIT_INTERVAL} (the app's commit interval). Bytes
 * in, bytes out: no deserialization, no state, no rules. Timed from the first record polled to the commit of the
 * transaction that holds the last one. The measured pass is the second: the first, to another topic, warms the
 * harness's JVM up, so that the ceiling is that of warm clients, and is only noted.
 */
final class RawCopy {

    static final String TOPIC = "bench-copy";
    /** The first, cold pass: the harness's JVM compiles the client's hot paths on it, as the app's JVM does. */
    static final String WARMUP_TOPIC = "bench-copy-warmup";
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STALL = Duration.ofSeconds(60);

    private RawCopy() {
    }

    /** Copies {@code records} of {@code from} to {@code to}; group and transactional id are named after {@code to}. */
    static Drain run(String bootstrapServers, String from, String to, int partitions, long records) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers, to));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers, to))) {
            consumer.assign(Cluster.partitions(from, partitions));
            consumer.seekToBeginning(consumer.assignment());
            producer.initTransactions();
            producer.beginTransaction();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            long copied = 0;
            long first = 0;
            long lastCommit = System.nanoTime();
            long lastProgress = System.nanoTime();
            while (copied < records) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
                if (!polled.isEmpty() && first == 0) {
                    first = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : polled) {
                    producer.send(new ProducerRecord<>(to, record.partition(), record.key(), record.value(),
                            record.headers()));
                    offsets.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    copied++;
                    lastProgress = System.nanoTime();
                }
                if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos() || copied >= records) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                    lastCommit = System.nanoTime();
                    if (copied < records) {
                        producer.beginTransaction();
                    }
                }
                if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    return new Drain(LoadHarness.RAW_COPY, copied, (lastProgress - first) / 1_000_000, false);
                }
            }
            return new Drain(LoadHarness.RAW_COPY, copied, (System.nanoTime() - first) / 1_000_000, true);
        }
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers, String to) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // A group of its own, only so that sendOffsetsToTransaction has a group to commit for: the partitions
        // are assigned, not subscribed, so no rebalance is timed.
        config.put(ConsumerConfig.GROUP_ID_CONFIG, to);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    private static Map<String, Object> producerConfig(String bootstrapServers, String to) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, to);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }
}
