package io.riskstream.demo;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.riskstream.platform.AvroSerdes;

/**
 * The producer of demo traffic: idempotent, waiting for all in-sync replicas, with UTF-8 keys and values in
 * Avro through Apicurio Registry, configured like every other serde of the app.
 */
final class DemoProducer {

    static final String CLIENT_ID = "riskstream-demo";
    /** Long enough to batch a tick's records, short next to a tick. */
    static final int LINGER_MS = 20;
    /** With the broker away, a send gives up after this instead of holding a tick (and shutdown) for a minute. */
    static final int MAX_BLOCK_MS = 5_000;

    private DemoProducer() {
    }

    static Producer<String, Object> create(String bootstrapServers, AvroSerdes serdes) {
        return new KafkaProducer<>(config(bootstrapServers, serdes.config()));
    }

    static Map<String, Object> config(String bootstrapServers, Map<String, Object> registry) {
        Map<String, Object> config = new HashMap<>(registry);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        return config;
    }
}
