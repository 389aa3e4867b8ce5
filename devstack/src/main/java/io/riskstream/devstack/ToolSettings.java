package io.riskstream.devstack;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The connection settings of the tools run from the devstack (the demo traffic), read by the names the app reads and bound
 * by Spring Boot itself, so that the settings and secrets of the app's deployment serve its tools unchanged:
 * <ul>
 * <li>Kafka: {@code spring.kafka.*} ({@code security.protocol}, {@code ssl.*}, {@code properties.sasl.*}, ...), with
 * the brokers of {@code riskstream.kafka.bootstrap-servers} when it is given, else of
 * {@code spring.kafka.bootstrap-servers};</li>
 * <li>the registry: {@code riskstream.registry.url} and Apicurio's own client settings under
 * {@code riskstream.registry.client.*}.</li>
 * </ul>
 * From {@code --name=value} arguments first, then the environment ({@code SPRING_KAFKA_SSL_TRUSTSTOREPASSWORD},
 * {@code SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG}, ...), where secrets belong.
 */
public final class ToolSettings {

    /** Kafka client settings of {@code spring.kafka.*} that belong to each tool's client, not to the connection. */
    private static final List<String> OWNED = List.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    private final KafkaProperties kafka;
    private final String bootstrapServers;
    private final String registryUrl;
    private final Map<String, String> registryClient;

    private ToolSettings(KafkaProperties kafka, String bootstrapServers, String registryUrl,
                         Map<String, String> registryClient) {
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.registryClient = Map.copyOf(registryClient);
    }

    /** The settings of {@code args} ({@code --name=value}; others are ignored) and then of {@code environment}. */
    public static ToolSettings from(String[] args, Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        String[] options = Arrays.stream(args).filter(arg -> arg.startsWith("--") && arg.contains("="))
                .toArray(String[]::new);
        sources.addLast(new SimpleCommandLinePropertySource(options));
        // Boot maps SPRING_KAFKA_... to spring.kafka... only for a source of this name.
        sources.addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        Binder binder = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources));
        KafkaProperties kafka = binder.bind("spring.kafka", KafkaProperties.class).orElseGet(KafkaProperties::new);
        String bootstrapServers = binder.bind("riskstream.kafka.bootstrap-servers", String.class)
                .orElseGet(() -> String.join(",", kafka.getBootstrapServers()));
        String registryUrl = binder.bind("riskstream.registry.url", String.class).orElse(null);
        Map<String, String> registryClient = binder.bind("riskstream.registry.client",
                Bindable.mapOf(String.class, String.class)).orElseGet(Map::of);
        return new ToolSettings(kafka, bootstrapServers, registryUrl, registryClient);
    }

    /** A producer's connection settings: brokers, security protocol, TLS, SASL. */
    public Map<String, Object> kafkaProducer() {
        return connection(kafka.buildProducerProperties());
    }

    /** A consumer's connection settings: brokers, security protocol, TLS, SASL. */
    public Map<String, Object> kafkaConsumer() {
        return connection(kafka.buildConsumerProperties());
    }

    private Map<String, Object> connection(Map<String, Object> built) {
        Map<String, Object> config = new HashMap<>(built);
        OWNED.forEach(config::remove);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** {@code riskstream.registry.url}, when it is given. */
    public Optional<String> registryUrl() {
        return Optional.ofNullable(registryUrl);
    }

    /** Apicurio's client settings of {@code riskstream.registry.client.*}, as they are. */
    public Map<String, String> registryClient() {
        return registryClient;
    }
}
