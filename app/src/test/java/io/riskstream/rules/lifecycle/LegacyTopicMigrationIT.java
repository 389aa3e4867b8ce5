package io.riskstream.rules.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.riskstream.devstack.KafkaBroker;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.MultiCountryAlert;
import io.riskstream.events.RuleSet;
import io.riskstream.platform.AppProcess;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.Topics;
import io.riskstream.rules.engine.CompiledRuleSet;

/**
 * Upgrading a deployment whose rulesets are on {@code fraud-rules}, as the version before the rename wrote them:
 * {@code logins} version 4, which still compiles, is carried over to {@code rulesets} as it is and alerts keep
 * carrying version 4; {@code fraud} version 7, written against the scorecard API this version moved, is not, and
 * the rules directory is published as version 8. A second start carries nothing over again. The app as operators
 * run it, a real broker and a real registry; logs in {@code target/it-logs/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegacyTopicMigrationIT {

    static final Duration TIMEOUT = RulesApp.TIMEOUT;
    static final String LEGACY = "fraud-rules";
    static final String RULESETS = Topics.RULESETS.name();
    static final long LOGINS_VERSION = 4;
    static final long FRAUD_VERSION = 7;

    private final ObjectMapper json = new ObjectMapper();
    private KafkaBroker broker;
    private String registry;
    private RuleSet legacyLogins;
    private RulesApp apps;
    private AppProcess app;

    @BeforeAll
    void seedTheLegacyTopicThenStart() throws Exception {
        broker = KafkaBroker.start();
        registry = TestRegistry.url();
        apps = new RulesApp(broker.bootstrapServers(), registry);
        // As the previous version created it: one partition, compacted.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            NewTopic legacy = new NewTopic(LEGACY, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(legacy)).all().get();
        }
        legacyLogins = legacy("logins", LOGINS_VERSION, repositoryFiles("logins"));
        // Older versions first, as they were published: only the newest of each name is carried over.
        publishLegacy(legacy("logins", LOGINS_VERSION - 1, repositoryFiles("logins")), legacyLogins,
                legacy("fraud", FRAUD_VERSION, asThePreviousVersionWroteThem(repositoryFiles("fraud"))));
        app = apps.start("migration-first", "scoreTransactions;detectMultiCountryLogins");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void newestLegacyVersionThatCompilesIsCarriedOverAsItIsAndAlertsKeepItsVersion() throws Exception {
        try {
            assertThat(rulesetsRecords()).filteredOn(r -> r.getName().equals("logins")).singleElement()
                    .isEqualTo(legacyLogins);
            JsonNode rules = json.readTree(app.get("/actuator/rules"));
            assertThat(rules.path("logins").path("version").asLong()).isEqualTo(LOGINS_VERSION);
            assertThat(rules.path("logins").path("sha256").asString()).isEqualTo(legacyLogins.getSha256());

            assertThat(alertFor(List.of("DE", "FR", "IT", "ES")).getRulesetVersion()).isEqualTo(LOGINS_VERSION);
        } catch (AssertionError | RuntimeException e) {
            throw app.failure(e);
        }
    }

    @Test
    @Order(2)
    void legacyVersionThatNoLongerCompilesIsNotCarriedOverButItsVersionIsNotReused() throws Exception {
        try {
            assertThat(rulesetsRecords()).filteredOn(r -> r.getName().equals("fraud")).singleElement()
                    .satisfies(fraud -> {
                        assertThat(fraud.getVersion()).isEqualTo(FRAUD_VERSION + 1);
                        assertThat(fraud.getFiles()).isEqualTo(repositoryFiles("fraud"));
                        assertThat(fraud.getPublishedBy()).isEqualTo(RuleSetDistribution.STARTUP);
                    });
            assertThat(apps.decide(RulesApp.purchases(3))).extracting(FraudDecision::getRulesetVersion)
                    .containsOnly(FRAUD_VERSION + 1);
        } catch (AssertionError | RuntimeException e) {
            throw app.failure(e);
        }
    }

    @Test
    @Order(3)
    void aSecondStartCarriesNothingOverAgain() throws Exception {
        long before = recordsOnRulesets();
        app.close();
        app = apps.start("migration-second", "scoreTransactions;detectMultiCountryLogins");
        try {
            assertThat(recordsOnRulesets()).isEqualTo(before).isEqualTo(2);
            JsonNode rules = json.readTree(app.get("/actuator/rules"));
            assertThat(rules.path("logins").path("version").asLong()).isEqualTo(LOGINS_VERSION);
            assertThat(rules.path("fraud").path("version").asLong()).isEqualTo(FRAUD_VERSION + 1);
        } catch (AssertionError | RuntimeException e) {
            throw app.failure(e);
        }
    }

    private static Map<String, String> repositoryFiles(String name) {
        return RuleSetFiles.read(RepositoryRules.ROOT.resolve(name)).drl();
    }

    /** The fraud DRL as rule authors wrote it before the scorecard moved to the fraud package. */
    private static Map<String, String> asThePreviousVersionWroteThem(Map<String, String> files) {
        Map<String, String> old = new TreeMap<>();
        files.forEach((file, drl) -> {
            String text = drl.replace("import io.riskstream.fraud.Scorecard;", "import io.riskstream.rules.Scorecard;")
                    .replace("import io.riskstream.fraud.Decision;\n", "");
            for (String decision : List.of("APPROVE", "REVIEW", "DECLINE")) {
                text = text.replace("Decision." + decision, "\"" + decision + "\"");
            }
            old.put(file, text);
        });
        assertThat(old).isNotEqualTo(files);
        return old;
    }

    private static RuleSet legacy(String name, long version, Map<String, String> files) {
        return RuleSet.newBuilder().setName(name).setVersion(version).setSha256(CompiledRuleSet.sha256Of(files))
                .setFiles(files).setPublishedAt(Instant.parse("2026-01-0" + version + "T09:00:00Z"))
                .setPublishedBy("admin").build();
    }

    /** As the previous version published: Avro under the legacy topic's own subject. */
    private void publishLegacy(RuleSet... ruleSets) throws Exception {
        try (KafkaProducer<String, Object> producer = TestClients.avroProducer(broker.bootstrapServers(), registry,
                true)) {
            for (RuleSet ruleSet : ruleSets) {
                producer.send(new ProducerRecord<>(LEGACY, ruleSet.getName(), ruleSet)).get();
            }
        }
    }

    private List<RuleSet> rulesetsRecords() {
        long count = recordsOnRulesets();
        try (KafkaConsumer<String, Object> consumer = TestClients.avroConsumer(broker.bootstrapServers(), registry,
                RULESETS)) {
            return TestClients.readUntil(consumer, read -> read.size() == count, TIMEOUT).stream()
                    .map(r -> (RuleSet) r.value()).toList();
        }
    }

    private long recordsOnRulesets() {
        TopicPartition partition = new TopicPartition(RULESETS, 0);
        try (KafkaConsumer<String, byte[]> consumer = TestClients.rawConsumer(broker.bootstrapServers(), RULESETS)) {
            return consumer.endOffsets(List.of(partition)).get(partition)
                    - consumer.beginningOffsets(List.of(partition)).get(partition);
        }
    }

    private MultiCountryAlert alertFor(List<String> countries) {
        String user = "user-" + UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(60);
        try (KafkaProducer<String, Object> producer = TestClients.avroProducer(broker.bootstrapServers(), registry,
                true)) {
            for (int i = 0; i < countries.size(); i++) {
                LoginEvent login = LoginEvent.newBuilder().setUserId(user).setCountry(countries.get(i))
                        .setIpAddress(null).setSuccess(true).setEventTime(start.plusSeconds(10L * i)).build();
                producer.send(new ProducerRecord<>(Topics.LOGINS.name(), user, login));
            }
        }
        try (KafkaConsumer<String, Object> consumer = TestClients.avroConsumer(broker.bootstrapServers(), registry,
                Topics.LOGIN_ALERTS.name())) {
            return (MultiCountryAlert) TestClients.readUntil(consumer,
                    read -> read.stream().anyMatch(r -> user.equals(r.key())), TIMEOUT).stream()
                    .filter(r -> user.equals(r.key())).findFirst().orElseThrow().value();
        }
    }
}
