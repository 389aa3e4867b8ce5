package io.riskstream.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/** Producers and consumers as other teams' systems would use them: Apicurio serdes, read_committed. */
public final class TestClients {

    private TestClients() {
    }

    /** A producer of Avro values, registering their schemas when {@code autoRegister}. */
    public static KafkaProducer<String, Object> avroProducer(String bootstrap, String registry, boolean autoRegister) {
        return avroProducer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), registry, autoRegister);
    }

    /** The same, connecting with {@code connection} (brokers, and SASL settings on a secured broker). */
    public static KafkaProducer<String, Object> avroProducer(Map<String, Object> connection, String registry,
                                                             boolean autoRegister) {
        Map<String, Object> config = producerConfig(connection);
        config.putAll(new AvroSerdes(registry, autoRegister).config());
        AvroKafkaSerializer<Object> values = new AvroKafkaSerializer<>();
        values.configure(config, false);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    public static KafkaProducer<String, byte[]> rawProducer(String bootstrap) {
        return new KafkaProducer<>(producerConfig(bootstrap), new StringSerializer(), new ByteArraySerializer());
    }

    /** A read_committed consumer of Avro values into the generated classes, from the beginning of {@code topic}. */
    public static KafkaConsumer<String, Object> avroConsumer(String bootstrap, String registry, String topic) {
        return avroConsumer(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), registry, topic);
    }

    /** The same, connecting with {@code connection} (brokers, and SASL settings on a secured broker). */
    public static KafkaConsumer<String, Object> avroConsumer(Map<String, Object> connection, String registry,
                                                             String topic) {
        Map<String, Object> config = consumerConfig(connection);
        config.putAll(new AvroSerdes(registry, false).readerConfig());
        AvroKafkaDeserializer<Object> values = new AvroKafkaDeserializer<>();
        values.configure(config, false);
        return subscribed(new KafkaConsumer<>(config, new StringDeserializer(), values), topic);
    }

    public static KafkaConsumer<String, byte[]> rawConsumer(String bootstrap, String topic) {
        return subscribed(new KafkaConsumer<>(consumerConfig(bootstrap), new StringDeserializer(),
                new ByteArrayDeserializer()), topic);
    }

    /** Polls until {@code done} holds for what was read, or fails after {@code timeout}. */
    public static <V> List<ConsumerRecord<String, V>> readUntil(KafkaConsumer<String, V> consumer,
                                                               Predicate<List<ConsumerRecord<String, V>>> done,
                                                               Duration timeout) {
        List<ConsumerRecord<String, V>> read = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (!done.test(read)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " with " + read.size() + " records read");
            }
            consumer.poll(Duration.ofMillis(500)).forEach(read::add);
        }
        return read;
    }

    private static Map<String, Object> producerConfig(String bootstrap) {
        return producerConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static Map<String, Object> producerConfig(Map<String, Object> connection) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    private static Map<String, Object> consumerConfig(String bootstrap) {
        return consumerConfig(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> connection) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    private static <V> KafkaConsumer<String, V> subscribed(KafkaConsumer<String, V> consumer, String topic) {
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /**
     * The serializer settings of producers that frame the schema's id in the headers (Apicurio's default, and the
     * demo's): the global id in {@code apicurio.value.globalId}, the value plain Avro binary. The app writes the
     * Confluent framing ({@link AvroSerdes#config()}) and reads both.
     */
    public static Map<String, Object> headerFraming(String registry) {
        Map<String, Object> config = new HashMap<>(new AvroSerdes(registry, false).config());
        config.put(SerdeConfig.ENABLE_HEADERS, true);
        config.put(SerdeConfig.USE_ID, IdOption.globalId.name());
        config.remove(SerdeConfig.ID_HANDLER);
        return config;
    }

    /** For tests that decode by hand. */
    public static Deserializer<Object> avroDeserializer(String registry) {
        AvroKafkaDeserializer<Object> values = new AvroKafkaDeserializer<>();
        values.configure(new AvroSerdes(registry, false).readerConfig(), false);
        return values;
    }
}
