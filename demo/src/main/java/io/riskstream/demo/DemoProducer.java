package io.riskstream.demo;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import io.apicurio.registry.resolver.SchemaResolverConfig;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.IdOption;

/**
 * The producer of demo traffic: idempotent, waiting for all in-sync replicas, with UTF-8 keys and values in
 * Avro through Apicurio Registry, written as the app's own serializers write (AvroSerdes in the app), so that
 * the app reads them as it reads any producer's.
 */
public final class DemoProducer {

    static final String CLIENT_ID = "riskstream-demo";
    /** Long enough to batch a tick's records, short next to a tick. */
    static final int LINGER_MS = 20;
    /** With the broker away, a send gives up after this instead of holding a tick (and shutdown) for a minute. */
    static final int MAX_BLOCK_MS = 5_000;
    /** Where RegistryRules registers every subject. */
    static final String ARTIFACT_GROUP = "default";

    private DemoProducer() {
    }

    static Producer<String, Object> create(Map<String, ?> connection, String registryUrl,
                                           Map<String, ?> registryClient) {
        return new KafkaProducer<>(config(connection, registryUrl, registryClient));
    }

    public static Map<String, Object> config(String bootstrapServers, String registryUrl) {
        return config(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), registryUrl, Map.of());
    }

    /**
     * The producer's settings: {@code connection} (where the brokers are and how to reach them: security protocol,
     * TLS stores, SASL), the registry's client settings {@code registryClient} (Apicurio's own: authentication, TLS),
     * and, on top, what makes it the demo's producer.
     */
    public static Map<String, Object> config(Map<String, ?> connection, String registryUrl,
                                             Map<String, ?> registryClient) {
        Map<String, Object> config = new HashMap<>(connection);
        config.putAll(registryClient);
        config.putAll(registry(registryUrl));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        return config;
    }

    /** The serializer's registry settings: those of the app's serializers of input topics. */
    public static Map<String, Object> registry(String registryUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, registryUrl);
        // An upstream producer never registers: the catalog is in the registry (RegistryRules) before it writes.
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, false);
        // The framing the app reads: the schema's global id in the record headers, the value plain Avro binary.
        config.put(SerdeConfig.ENABLE_HEADERS, true);
        config.put(SerdeConfig.USE_ID, IdOption.globalId.name());
        // Lookups ask the group RegistryRules registers in, by the content of the whole schema, nested records
        // inline; never the latest version, which another producer may have registered.
        config.put(SerdeConfig.EXPLICIT_ARTIFACT_GROUP_ID, ARTIFACT_GROUP);
        config.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        config.put(SerdeConfig.ARTIFACT_RESOLVER_STRATEGY, InlineTopicIdStrategy.class.getName());
        config.put(SerdeConfig.FIND_LATEST_ARTIFACT, false);
        // A schema found once never changes: a registry away for a while does not stop the traffic.
        config.put(SchemaResolverConfig.FAULT_TOLERANT_REFRESH, true);
        return config;
    }
}
