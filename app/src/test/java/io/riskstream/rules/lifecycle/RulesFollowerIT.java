package io.riskstream.rules.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
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
import io.riskstream.events.RuleSet;
import io.riskstream.platform.AppProcess;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.TestSigning;
import io.riskstream.platform.Topics;
import io.riskstream.rules.engine.CompiledRuleSet;

/**
 * Records on {@code rulesets} that are no ruleset (bytes that are not Avro, a schema id the registry does
 * not know, a tombstone, a login event written to the wrong topic) neither stop an instance from starting
 * nor from following: it skips and counts them, is healthy, and decides with the published ruleset. The app
 * as operators run it ({@code target/riskstream.jar}), a real broker and a real registry; logs in
 * {@code target/it-logs/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RulesFollowerIT {

    static final Duration TIMEOUT = RulesApp.TIMEOUT;
    static final String RULESETS = Topics.RULESETS.name();
    static final String UNREADABLE = "riskstream_rules_unreadable_total";

    private final ObjectMapper json = new ObjectMapper();
    private KafkaBroker broker;
    private String registry;
    private RulesApp apps;
    private AppProcess app;

    @BeforeAll
    void publishTheRulesetsThenWriteJunkThenStart() throws Exception {
        broker = KafkaBroker.start();
        registry = TestRegistry.url();
        apps = new RulesApp(broker.bootstrapServers(), registry);
        // A first instance creates the topics and publishes every ruleset (version 1), as a first deploy does;
        // the junk lands after them, and the instance under test starts on that topic.
        try (AppProcess first = apps.start("rules-first", "scoreTransactions")) {
            assertThat(fraudVersion(first)).isEqualTo(1);
        }
        writeJunk();
        app = apps.start("rules-after-junk", "scoreTransactions");
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
    void instanceStartsHealthyPastUnreadableRecordsAndCountsThem() throws Exception {
        try {
            JsonNode health = json.readTree(app.get("/actuator/health"));
            JsonNode rules = health.path("components").path("rules");
            assertThat(rules.path("status").asString()).as("rules health: %s", rules).isEqualTo("UP");
            assertThat(rules.path("details").path("rulesets").path("fraud").path("version").asLong()).isEqualTo(1);
            assertThat(rules.path("details").path("follower").path("state").asString()).isEqualTo("FOLLOWING");
            // The junk under key fraud was not taken for a publication: nothing was published again at start.
            assertThat(json.readTree(app.get("/actuator/rules")).path("fraud").path("newestPublishedVersion")
                    .asLong()).isEqualTo(1);

            assertThat(unreadable("undecodable")).as("not Avro, unknown schema id").isEqualTo(2);
            assertThat(unreadable("wrong-type")).as("a login event").isEqualTo(1);
            assertThat(unreadable("undeclared")).isZero();
            assertThat(unreadable("invalid")).isZero();

            assertThat(apps.decide(RulesApp.purchases(5)))
                    .extracting(FraudDecision::getRulesetVersion).containsOnly(1L);
        } catch (AssertionError | RuntimeException e) {
            throw app.failure(e);
        }
    }

    @Test
    @Order(2)
    void unreadableRecordsWhileFollowingAreSkippedAndTheNextVersionStillArrives() throws Exception {
        try {
            writeJunk();
            publish(2);

            awaitFraudVersion(2);
            assertThat(unreadable("undecodable")).isEqualTo(4);
            assertThat(unreadable("wrong-type")).isEqualTo(2);
            JsonNode rules = json.readTree(app.get("/actuator/health")).path("components").path("rules");
            assertThat(rules.path("status").asString()).as("rules health: %s", rules).isEqualTo("UP");
            assertThat(rules.path("details").path("follower").path("restarts").asInt()).isZero();
            assertThat(apps.decide(RulesApp.purchases(5)))
                    .extracting(FraudDecision::getRulesetVersion).containsOnly(2L);
        } catch (AssertionError | RuntimeException e) {
            throw app.failure(e);
        }
    }

    /**
     * Issue 13's intruder: write access to the topic, no signing key. The newest fraud files with the approve
     * threshold turned into DECLINE, version + 1, a correct sha256: unsigned, signed by a key of their own, and
     * signed for another version; then an old signed version written again. Every instance refuses them all and
     * decisions keep the active version.
     */
    @Test
    @Order(3)
    void rulesetsWrittenWithoutTheSigningKeyAreRefusedAndDecisionsKeepTheActiveVersion() throws Exception {
        try {
            RuleSet third = publish(3);
            awaitFraudVersion(3);
            Map<String, String> declineAll = new TreeMap<>(
                    RuleSetFiles.read(RepositoryRules.ROOT.resolve("fraud")).drl());
            declineAll.replaceAll((file, drl) -> drl.replace("Decision.APPROVE", "Decision.DECLINE"));
            assertThat(declineAll).isNotEqualTo(RuleSetFiles.read(RepositoryRules.ROOT.resolve("fraud")).drl());

            write(fraud(4, declineAll, "intruder"), null);
            write(fraud(5, declineAll, "intruder"), TestSigning.signatures("intruder", TestSigning.newKeyPair()));
            RuleSet forged = fraud(6, declineAll, "intruder");
            ProducerRecord<String, Object> copied = new ProducerRecord<>(RULESETS, "fraud", forged);
            TestSigning.signatures().sign(third, copied.headers());
            try (KafkaProducer<String, Object> producer = TestClients.avroProducer(broker.bootstrapServers(),
                    registry, false)) {
                producer.send(copied).get();
            }
            replayFirstFraudVersion();

            Instant deadline = Instant.now().plus(TIMEOUT);
            while (unreadable("replayed") < 1) {
                assertThat(Instant.now()).as("waiting for the replay to be refused").isBefore(deadline);
                Thread.sleep(200);
            }
            assertThat(unreadable("unsigned")).isEqualTo(1);
            assertThat(unreadable("untrusted-key")).isEqualTo(1);
            assertThat(unreadable("bad-signature")).isEqualTo(1);
            assertThat(fraudVersion(app)).isEqualTo(3);
            assertThat(apps.decide(RulesApp.purchases(20)))
                    .extracting(FraudDecision::getRulesetVersion, FraudDecision::getDecision)
                    .containsOnly(tuple(3L, "APPROVE"));
        } catch (AssertionError | RuntimeException e) {
            throw app.failure(e);
        }
    }

    /** Writes the bytes and headers of the first fraud version again, as they are on the topic. */
    private void replayFirstFraudVersion() throws Exception {
        ConsumerRecord<String, byte[]> first;
        try (KafkaConsumer<String, byte[]> consumer = TestClients.rawConsumer(broker.bootstrapServers(), RULESETS)) {
            first = TestClients.readUntil(consumer, read -> read.stream().anyMatch(RulesFollowerIT::signedFraud),
                    TIMEOUT).stream().filter(RulesFollowerIT::signedFraud).findFirst().orElseThrow();
        }
        try (KafkaProducer<String, byte[]> raw = TestClients.rawProducer(broker.bootstrapServers())) {
            raw.send(new ProducerRecord<>(RULESETS, null, first.key(), first.value(), first.headers())).get();
        }
    }

    private static boolean signedFraud(ConsumerRecord<String, byte[]> record) {
        return "fraud".equals(record.key()) && record.value() != null
                && record.headers().lastHeader(RuleSetSignatures.SIGNATURE_HEADER) != null;
    }

    /** 64 random bytes, bytes naming a schema id the registry does not have, a tombstone, a login event. */
    private void writeJunk() throws Exception {
        byte[] random = new byte[64];
        new Random().nextBytes(random);
        // Apicurio's wire format without headers: magic byte 0, then an 8-byte global id no schema has.
        byte[] unknownSchema = ByteBuffer.allocate(17).put((byte) 0).putLong(987_654_321L).putLong(42L).array();
        LoginEvent login = LoginEvent.newBuilder().setUserId("user-" + UUID.randomUUID()).setCountry("DE")
                .setIpAddress(null).setSuccess(true).setEventTime(Instant.now()).build();
        // Serialized as for its own topic, schema id in the headers: what a producer pointed at the wrong topic
        // writes. (Serialized for rulesets, the registry would refuse a LoginEvent as rulesets-value.)
        RecordHeaders headers = new RecordHeaders();
        Serializer<LoginEvent> logins = new AvroSerdes(registry, false).of(Topics.LOGINS).serializer();
        byte[] loginBytes = logins.serialize(Topics.LOGINS.name(), headers, login);
        try (KafkaProducer<String, byte[]> raw = TestClients.rawProducer(broker.bootstrapServers())) {
            raw.send(new ProducerRecord<>(RULESETS, "fraud", random)).get();
            raw.send(new ProducerRecord<>(RULESETS, "fraud", unknownSchema)).get();
            raw.send(new ProducerRecord<>(RULESETS, "fraud", null)).get();
            raw.send(new ProducerRecord<>(RULESETS, null, "fraud", loginBytes, headers)).get();
        }
    }

    /** Publishes the repository's fraud files as {@code version}, as the publisher would (tests aside). */
    private RuleSet publish(long version) throws Exception {
        RuleSet ruleSet = fraud(version, RuleSetFiles.read(RepositoryRules.ROOT.resolve("fraud")).drl(),
                "RulesFollowerIT");
        write(ruleSet, TestSigning.signatures());
        return ruleSet;
    }

    private static RuleSet fraud(long version, Map<String, String> files, String by) {
        return RuleSet.newBuilder().setName("fraud").setVersion(version).setSha256(CompiledRuleSet.sha256Of(files))
                .setFiles(files).setPublishedAt(Instant.now()).setPublishedBy(by).build();
    }

    /** Writes {@code ruleSet} straight to the topic with a plain producer, signed by {@code signer} unless null. */
    private void write(RuleSet ruleSet, RuleSetSignatures signer) throws Exception {
        ProducerRecord<String, Object> record = new ProducerRecord<>(RULESETS, "fraud", ruleSet);
        if (signer != null) {
            signer.sign(ruleSet, record.headers());
        }
        try (KafkaProducer<String, Object> producer = TestClients.avroProducer(broker.bootstrapServers(), registry,
                false)) {
            producer.send(record).get();
        }
    }


    private long fraudVersion(AppProcess instance) throws Exception {
        return json.readTree(instance.get("/actuator/rules")).path("fraud").path("version").asLong();
    }

    private void awaitFraudVersion(long version) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (fraudVersion(app) != version) {
            assertThat(Instant.now()).as("waiting for fraud version %d", version).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    /** The app's {@code riskstream_rules_unreadable_total{reason}}, which must be exposed. */
    private double unreadable(String reason) throws Exception {
        String prefix = UNREADABLE + "{reason=\"" + reason + "\"";
        List<String> lines = app.get("/actuator/prometheus").lines().filter(line -> line.startsWith(prefix)).toList();
        assertThat(lines).as(prefix).hasSize(1);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
