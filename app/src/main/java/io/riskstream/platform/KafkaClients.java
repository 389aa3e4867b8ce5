package io.riskstream.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The settings every plain Kafka client of the app starts from (the rules publisher and follower, the dashboard
 * feed), so that they connect as the streams do: Spring Boot's {@code spring.kafka.*} ({@code security.protocol},
 * {@code ssl.*}, {@code spring.kafka.properties.sasl.*}, ...), with the brokers of
 * {@code riskstream.kafka.bootstrap-servers}. The streams take the same {@code spring.kafka.*} through the binder,
 * and their last-resort dead-letter producers copy the streams' own settings. Whatever a client sets for itself
 * (acks, isolation, client id) is set on top by its owner.
 */
public final class KafkaClients {

    /** Consumer and producer settings of {@code spring.kafka.*} that are the owner's business, not the operator's. */
    private static final List<String> OWNED = List.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    private final KafkaProperties kafka;
    private final String bootstrapServers;

    public KafkaClients(KafkaProperties kafka, String bootstrapServers) {
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
    }

    /** A plain consumer's starting settings. */
    public Map<String, Object> consumer() {
        return common(kafka.buildConsumerProperties());
    }

    /** A plain producer's starting settings. */
    public Map<String, Object> producer() {
        return common(kafka.buildProducerProperties());
    }

    /** A plain admin client's settings: the connection settings of {@code spring.kafka.*} an admin client knows. */
    public Map<String, Object> admin() {
        Map<String, Object> config = new HashMap<>(common(kafka.buildAdminProperties()));
        config.keySet().retainAll(AdminClientConfig.configNames());
        return config;
    }

    private Map<String, Object> common(Map<String, Object> built) {
        Map<String, Object> config = new HashMap<>(built);
        OWNED.forEach(config::remove);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }
}
