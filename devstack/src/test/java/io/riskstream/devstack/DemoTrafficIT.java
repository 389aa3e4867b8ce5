package io.riskstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.SerdeHeaders;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.riskstream.demo.DemoSettings;
import io.riskstream.demo.DemoTraffic;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.Transaction;
import io.riskstream.schemas.SchemaCatalog;

/**
 * The demo traffic of the local run against a real broker and registry: every record is in the input topics'
 * framing (schema id in the headers) and decodes through the registry into the generated classes, as the app
 * reads it, and the demo registers nothing. Here rather than in the demo module, which devstack depends on.
 */
class DemoTrafficIT {

    private static final Map<String, Class<?>> VALUES = Map.of(
            "transactions", Transaction.class, "logins", LoginEvent.class, "site-events", SiteEvent.class);
    private static final int ENOUGH = 20;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void sendsEveryInputTopicRecordsTheRegistryDecodesAndRegistersNothing() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start();
             ApicurioRegistryServer registry = ApicurioRegistryServer.start()) {
            new RegistryRules(registry.url()).apply(SchemaCatalog.load());
            RegistryHttp http = new RegistryHttp(registry.url());
            String versionsBefore = versions(http);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(VALUES.keySet().stream().map(topic -> new NewTopic(topic, 1, (short) 1)).toList())
                        .all().get(30, TimeUnit.SECONDS);
            }

            List<ConsumerRecord<String, Object>> received;
            try (DemoTraffic demo = DemoTraffic.start(kafka.bootstrapServers(), registry.url(),
                    new DemoSettings(50, 50, 50, Duration.ofMillis(100)))) {
                received = consume(kafka.bootstrapServers(), registry.url());
            }

            for (Map.Entry<String, Class<?>> topic : VALUES.entrySet()) {
                assertThat(received).filteredOn(record -> record.topic().equals(topic.getKey())).as(topic.getKey())
                        .hasSizeGreaterThanOrEqualTo(ENOUGH)
                        .allSatisfy(record -> {
                            assertThat(record.value()).isInstanceOf(topic.getValue());
                            assertThat(record.headers().lastHeader(SerdeHeaders.HEADER_VALUE_GLOBAL_ID)).isNotNull();
                        });
            }
            assertThat(versions(http)).isEqualTo(versionsBefore);
        }
    }

    /** Records of every demo topic, read as the app reads its inputs, until each has enough or time is up. */
    private static List<ConsumerRecord<String, Object>> consume(String bootstrap, String registryUrl) {
        Map<String, Object> registry = new HashMap<>();
        registry.put(SerdeConfig.REGISTRY_URL, registryUrl);
        registry.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        Deserializer<Object> values = new AvroKafkaDeserializer<>();
        values.configure(registry, false);
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "demo-traffic-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), values)) {
            consumer.subscribe(VALUES.keySet());
            List<ConsumerRecord<String, Object>> received = new ArrayList<>();
            Instant deadline = Instant.now().plus(DEADLINE);
            while (!enough(received) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
            return received;
        }
    }

    private static boolean enough(List<ConsumerRecord<String, Object>> received) {
        return VALUES.keySet().stream().allMatch(topic ->
                received.stream().filter(record -> record.topic().equals(topic)).count() >= ENOUGH);
    }

    /** Every artifact of the registry with its version count: what a registration would change. */
    private static String versions(RegistryHttp http) {
        StringBuilder versions = new StringBuilder();
        for (String topic : VALUES.keySet()) {
            versions.append(topic).append('=')
                    .append(http.get(RegistryRules.ARTIFACTS + "/" + topic + "-value/versions").get("count").asInt())
                    .append(' ');
        }
        return versions.append(http.get("/search/artifacts?limit=100").get("count").asInt()).toString();
    }
}
