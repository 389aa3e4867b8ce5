package io.riskstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.riskstream.devstack.ApicurioRegistryServer;
import io.riskstream.devstack.Certificates;
import io.riskstream.devstack.KafkaBroker;
import io.riskstream.schemas.RegistryRules;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.RuleSet;
import io.riskstream.platform.AppProcess;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestTransactions;
import io.riskstream.platform.Topic;
import io.riskstream.platform.Topics;
import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.schemas.SchemaCatalog;

/**
 * The app on a broker that speaks only TLS, authenticates (mutual TLS, SASL/SCRAM) and authorizes (ACLs), as
 * docs/security.md sets one up: the app connects by mutual TLS, its certificate naming its own principal, with the ACLs
 * that page lists, through {@code spring.kafka.*} only (the stores' passwords from the environment). Other principals
 * use SASL/SCRAM over TLS. The app reaches the registry by HTTPS only, trusting the same authority. A principal
 * without a write ACL on {@code rulesets} is refused by the broker; one with it but without the signing key writes a
 * ruleset the app refuses, and decisions keep the version they had. Logs in {@code target/it-logs/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredKafkaIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String APP = "riskstream";
    private static final String READER = "dashboard-reader";
    private static final String WRITER = "careless-writer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> passwords = Map.of(APP, "app-" + UUID.randomUUID(),
            READER, "reader-" + UUID.randomUUID(), WRITER, "writer-" + UUID.randomUUID());
    private KafkaBroker broker;
    /** The registry the app reaches by HTTPS only; the tests' own clients use its plain port. */
    private ApicurioRegistryServer tlsRegistry;
    private String registry;
    private AppProcess app;

    @BeforeAll
    void startASecuredBrokerThenTheAppAsItsOwnPrincipal() throws Exception {
        broker = KafkaBroker.startSecured();
        Certificates tls = broker.certificates();
        tlsRegistry = ApicurioRegistryServer.startWithTls(tls);
        registry = tlsRegistry.url();
        new RegistryRules(registry).apply(SchemaCatalog.load());
        try (Admin admin = Admin.create(broker.adminConfig())) {
            List<UserScramCredentialUpsertion> users = new ArrayList<>();
            passwords.forEach((user, password) -> users.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)));
            admin.alterUserScramCredentials(new ArrayList<>(users)).all().get();
            List<AclBinding> acls = new ArrayList<>(appAcls(APP));
            // The careless writer may write to rulesets (and read the decisions), but holds no signing key.
            acls.add(allow(WRITER, ResourceType.TOPIC, Topics.RULESETS.name(), PatternType.LITERAL, AclOperation.WRITE));
            acls.add(allow(WRITER, ResourceType.TOPIC, Topics.RULESETS.name(), PatternType.LITERAL,
                    AclOperation.DESCRIBE));
            acls.add(allow(READER, ResourceType.TOPIC, Topics.FRAUD_DECISIONS.name(), PatternType.LITERAL,
                    AclOperation.READ));
            admin.createAcls(acls).all().get();
        }
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state-");
        app = AppProcess.start("secured-kafka", List.of(
                "--riskstream.kafka.bootstrap-servers=" + broker.mutualTlsBootstrapServers(),
                // The registry by TLS, trusting the same authority; Apicurio's own client settings.
                "--riskstream.registry.url=" + tlsRegistry.tlsUrl(),
                "--riskstream.registry.client.apicurio.registry.request.ssl.truststore.location="
                        + tls.trustStore().toAbsolutePath(),
                "--riskstream.registry.client.apicurio.registry.request.ssl.truststore.type=PKCS12",
                "--riskstream.rules.directory=../rules",
                // A new deployment: no legacy topic to carry rulesets over from, and no ACL for one.
                "--riskstream.rules.legacy-topic=",
                "--riskstream.streams.state-dir=" + stateDir.toAbsolutePath(),
                "--riskstream.topics.partitions=2",
                "--spring.cloud.function.definition=scoreTransactions",
                // The actuator on a port of its own, as production may have it (docs/operations.md).
                "--management.server.port=" + AppProcess.freePort(),
                // Mutual TLS: the broker is known by its authority, the app by its certificate (CN=riskstream).
                "--spring.kafka.security.protocol=SSL",
                "--spring.kafka.ssl.trust-store-location=file:" + tls.trustStore().toAbsolutePath(),
                "--spring.kafka.ssl.trust-store-type=PKCS12",
                "--spring.kafka.ssl.key-store-location=file:" + tls.client(APP).toAbsolutePath(),
                "--spring.kafka.ssl.key-store-type=PKCS12"),
                Map.of("SPRING_KAFKA_SSL_TRUSTSTOREPASSWORD", tls.password(),
                        "SPRING_KAFKA_SSL_KEYSTOREPASSWORD", tls.password(),
                        "RISKSTREAM_REGISTRY_CLIENT_APICURIO_REGISTRY_REQUEST_SSL_TRUSTSTORE_PASSWORD", tls.password()));
        try {
            app.awaitHealthy(START_TIMEOUT);
        } catch (AssertionError | RuntimeException e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (tlsRegistry != null) {
            tlsRegistry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * What the app's principal needs (docs/security.md, ACLs per principal): the contract's topics, which it creates,
     * reads and writes; its streams' internal topics, consumer groups and transactional ids, all named after their
     * application ids ({@code riskstream-...}); and idempotent writes.
     */
    static List<AclBinding> appAcls(String principal) {
        List<AclBinding> acls = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        Topics.ALL.stream().map(Topic::name).forEach(topics::add);
        Topics.INPUTS.stream().map(Topic::deadLetterTopic).forEach(topics::add);
        for (String topic : topics) {
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.ALL));
        }
        acls.add(allow(principal, ResourceType.TOPIC, "riskstream-", PatternType.PREFIXED, AclOperation.ALL));
        acls.add(allow(principal, ResourceType.GROUP, "riskstream-", PatternType.PREFIXED, AclOperation.ALL));
        acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, "riskstream-", PatternType.PREFIXED,
                AclOperation.ALL));
        acls.add(allow(principal, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL,
                AclOperation.IDEMPOTENT_WRITE));
        acls.add(allow(principal, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE));
        acls.add(allow(principal, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL,
                AclOperation.DESCRIBE_CONFIGS));
        return acls;
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }

    @Test
    @Order(1)
    void theAppDecidesAsItsOwnPrincipal() throws Exception {
        try {
            assertThat(decide(5)).extracting(FraudDecision::getRulesetVersion).containsOnly(1L);
        } catch (AssertionError | RuntimeException e) {
            throw app.failure(e);
        }
    }

    @Test
    @Order(2)
    void aPrincipalWithoutAWriteAclOnRulesetsIsRefusedByTheBroker() {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(READER, passwords.get(READER)));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<String, Object> producer = TestClients.avroProducer(config, registry, false)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.RULESETS.name(), "fraud",
                    declineAll(2, READER))).get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    @Order(3)
    void aPrincipalThatMayWriteButHoldsNoSigningKeyWritesARulesetTheAppRefuses() throws Exception {
        try {
            try (KafkaProducer<String, Object> producer = TestClients.avroProducer(
                    broker.clientConfig(WRITER, passwords.get(WRITER)), registry, false)) {
                producer.send(new ProducerRecord<>(Topics.RULESETS.name(), "fraud", declineAll(2, WRITER))).get();
            }

            Instant deadline = Instant.now().plus(TIMEOUT);
            while (refusedUnsigned() < 1) {
                assertThat(Instant.now()).as("waiting for the app to refuse the unsigned ruleset").isBefore(deadline);
                Thread.sleep(200);
            }
            assertThat(decide(10)).extracting(FraudDecision::getRulesetVersion, FraudDecision::getDecision)
                    .containsOnly(tuple(1L, "APPROVE"));
        } catch (AssertionError | RuntimeException e) {
            throw app.failure(e);
        }
    }

    @Test
    @Order(4)
    void theActuatorAnswersOnItsOwnPortProbesOpenAndEverythingElseForTheOperatorOnly() throws Exception {
        try {
            assertThat(app.managementPort()).isNotEqualTo(app.port());
            for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
                var anonymous = app.get(app.managementPort(), probe, false);
                assertThat(anonymous.statusCode()).as(probe).isEqualTo(200);
                assertThat(JSON.readTree(anonymous.body()).has("components")).as(probe + ": no details").isFalse();
            }
            assertThat(app.get(app.managementPort(), "/actuator/prometheus", false).statusCode()).isEqualTo(401);
            assertThat(app.get(app.managementPort(), "/actuator/prometheus", true).statusCode()).isEqualTo(200);
            assertThat(app.get(app.port(), "/actuator/prometheus", true).statusCode()).as("not on the app's port")
                    .isEqualTo(404);

            JsonNode readiness = JSON.readTree(app.get(app.managementPort(), "/actuator/health/readiness", true).body());
            assertThat(readiness.path("components").fieldNames()).toIterable()
                    .containsExactlyInAnyOrder("readinessState", "binders", "streamThreads", "stateRestoration", "rules");
            assertThat(readiness.path("components").path("rules").path("details").path("rulesets").path("fraud")
                    .path("version").asLong()).isEqualTo(1);
            JsonNode liveness = JSON.readTree(app.get(app.managementPort(), "/actuator/health/liveness", true).body());
            assertThat(liveness.path("components").fieldNames()).toIterable().containsExactly("livenessState");
        } catch (AssertionError | RuntimeException e) {
            throw app.failure(e);
        }
    }

    /** The repository's fraud files with every approval turned into a decline, as {@code version}. */
    private static RuleSet declineAll(long version, String by) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (var paths = Files.list(Path.of("..", "rules", "fraud"))) {
            for (Path file : paths.filter(path -> path.toString().endsWith(".drl")).toList()) {
                files.put(file.getFileName().toString(),
                        Files.readString(file).replace("Decision.APPROVE", "Decision.DECLINE"));
            }
        }
        return RuleSet.newBuilder().setName("fraud").setVersion(version).setSha256(CompiledRuleSet.sha256Of(files))
                .setFiles(files).setPublishedAt(Instant.now()).setPublishedBy(by).build();
    }

    private double refusedUnsigned() throws Exception {
        String prefix = "riskstream_rules_unreadable_total{reason=\"unsigned\"";
        return app.get("/actuator/prometheus").lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Grocery purchases of new cards, sent and decided (read as the broker's super user). */
    private List<FraudDecision> decide(int count) {
        return TestTransactions.decide(broker.adminConfig(), registry, TestTransactions.groceryPurchases(count),
                TIMEOUT);
    }
}
