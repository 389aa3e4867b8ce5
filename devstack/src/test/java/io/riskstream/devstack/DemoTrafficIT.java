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
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import io.riskstream.schemas.RegistryHttp;
import io.riskstream.schemas.RegistryRules;
import io.riskstream.schemas.SchemaCatalog;

/**
 * The demo traffic of the local run against a real broker and registry: every record is in the input topics'
 * framing (schema id in the headers) and decodes through the registry into the generated classes, as the app
 * reads it, and the demo registers nothing; run alone ({@link DemoRun}), it reaches a broker that speaks TLS and SASL
 * only, by the app's setting names. Here rather than in the demo module, which devstack depends on.
 */
class DemoTrafficIT {

    private static final Map<String, Class<?>> VALUES = Map.of(
            "transactions", Transaction.class, "logins", LoginEvent.class, "site-events", SiteEvent.class);
    private static final int ENOUGH = 20;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static ApicurioRegistryServer registry;

    @BeforeAll
    static void startTheRegistryWithTheCatalog() {
        registry = ApicurioRegistryServer.start();
        new RegistryRules(registry.url()).apply(SchemaCatalog.load());
    }

    @AfterAll
    static void stopTheRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void sendsEveryInputTopicRecordsTheRegistryDecodesAndRegistersNothing() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start()) {
            RegistryHttp http = new RegistryHttp(registry.url());
            String versionsBefore = versions(http);
            createInputTopics(Map.of("bootstrap.servers", kafka.bootstrapServers()));

            List<ConsumerRecord<String, Object>> received;
            try (DemoTraffic demo = DemoTraffic.start(kafka.bootstrapServers(), registry.url(),
                    new DemoSettings(50, 50, 50, Duration.ofMillis(100)))) {
                received = consume(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
            }

            assertEveryTopicHasEnoughDecodableRecords(received);
            assertThat(versions(http)).isEqualTo(versionsBefore);
        }
    }

    @Test
    void standaloneDemoReachesABrokerOverTlsAsItsOwnPrincipalWithTheAppsSettingNames() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.startSecured()) {
            createInputTopics(kafka.adminConfig());
            try (Admin admin = Admin.create(kafka.adminConfig())) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("demo",
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), "demo-secret"))).all()
                        .get(30, TimeUnit.SECONDS);
                admin.createAcls(VALUES.keySet().stream().map(topic -> new AclBinding(
                        new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                        new AccessControlEntry("User:demo", "*", AclOperation.WRITE, AclPermissionType.ALLOW)))
                        .toList()).all().get(30, TimeUnit.SECONDS);
            }
            Certificates tls = kafka.certificates();

            List<ConsumerRecord<String, Object>> received;
            try (DemoTraffic demo = DemoRun.start(new String[] {
                    "--riskstream.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--riskstream.registry.url=" + registry.url(),
                    "--spring.kafka.security.protocol=SASL_SSL",
                    "--spring.kafka.ssl.trust-store-location=file:" + tls.trustStore().toAbsolutePath(),
                    "--spring.kafka.ssl.trust-store-type=PKCS12",
                    "--spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                    "--demo-transactions-per-second=50", "--demo-logins-per-second=50",
                    "--demo-site-events-per-second=50", "--demo-tick=100ms"},
                    Map.of("SPRING_KAFKA_SSL_TRUSTSTOREPASSWORD", tls.password(),
                            "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", KafkaBroker.scramLogin("demo", "demo-secret")))) {
                received = consume(kafka.adminConfig());
            }

            assertEveryTopicHasEnoughDecodableRecords(received);
        }
    }

    private static void createInputTopics(Map<String, Object> adminConfig) throws Exception {
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createTopics(VALUES.keySet().stream().map(topic -> new NewTopic(topic, 1, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void assertEveryTopicHasEnoughDecodableRecords(List<ConsumerRecord<String, Object>> received) {
        for (Map.Entry<String, Class<?>> topic : VALUES.entrySet()) {
            assertThat(received).filteredOn(record -> record.topic().equals(topic.getKey())).as(topic.getKey())
                    .hasSizeGreaterThanOrEqualTo(ENOUGH)
                    .allSatisfy(record -> {
                        assertThat(record.value()).isInstanceOf(topic.getValue());
                        assertThat(record.headers().lastHeader(SerdeHeaders.HEADER_VALUE_GLOBAL_ID)).isNotNull();
                    });
        }
    }

    /**
     * Records of every demo topic, read as the app reads its inputs (connected by {@code connection}), until each has
     * enough or time is up.
     */
    private static List<ConsumerRecord<String, Object>> consume(Map<String, Object> connection) {
        Map<String, Object> serde = new HashMap<>();
        serde.put(SerdeConfig.REGISTRY_URL, registry.url());
        serde.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        Deserializer<Object> values = new AvroKafkaDeserializer<>();
        values.configure(serde, false);
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-traffic-it");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
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
