package io.riskstream.rules.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.riskstream.RiskstreamApplication;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.Reason;
import io.riskstream.events.Transaction;
import io.riskstream.fraud.FraudScorer;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.TestSigning;
import io.riskstream.platform.TestTransactions;
import io.riskstream.platform.TestUsers;
import io.riskstream.platform.Topics;

/**
 * Two instances of the app against one real broker and a real registry, each with its own copy of the
 * rules directory: a published version reaches both, a failing one is rejected by both, rollback works,
 * and publishing needs a rules administrator.
 *
 * <p>Which instance decides a transaction depends on how the partitions happen to be assigned, so no
 * assertion here depends on it: each instance's active version is read from its own {@code /actuator/rules},
 * and decisions are checked for the version they carry, whichever instance made them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RulesLifecycleIT {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String ADMIN = "admin";
    static final String PASSWORD = "it-" + UUID.randomUUID();
    static final String MARKER_RULE = "gift-card-merchant";
    static final String MARKER_DRL = """
            package rules.fraud;

            import io.riskstream.events.Transaction;
import io.riskstream.fraud.FraudScorer;
            import io.riskstream.fraud.Scorecard;

            global Scorecard scorecard;

            rule "gift-card-merchant"
            when
                Transaction(merchantCategory == "5947")
            then
                scorecard.add(10, "gift card merchant");
            end
            """;
    static final String MARKER_TESTS = """
            cases:
              - name: gift cards are marked
                given:
                  transaction: {merchantCategory: "5947"}
                expect:
                  fires: [gift-card-merchant]
              - name: groceries are not
                given:
                  transaction: {merchantCategory: "5411"}
                expect:
                  doesNotFire: [gift-card-merchant]
            """;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Instance> instances = new ArrayList<>();
    private EmbeddedKafkaBroker broker;

    record Instance(ConfigurableApplicationContext context, Path rules) {
        String url(String path) {
            return "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + path;
        }
    }

    @BeforeAll
    void startTwoInstances() throws IOException {
        broker = new EmbeddedKafkaKraftBroker(1, 2)
                .brokerProperties(java.util.Map.of("transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1", "offsets.topic.replication.factor", "1"));
        broker.afterPropertiesSet();
        for (String zone : List.of("zone-a", "zone-b")) {
            Path rules = RepositoryRules.copy();
            ConfigurableApplicationContext context = new SpringApplicationBuilder(RiskstreamApplication.class)
                    .properties(Stream.of(TestSigning.properties(), TestUsers.properties())
                            .flatMap(p -> p.entrySet().stream())
                            .map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new)).run(
                    "--server.port=0",
                    "--riskstream.zone=" + zone,
                    "--riskstream.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                    "--riskstream.registry.url=" + TestRegistry.url(),
                    "--riskstream.rules.directory=" + rules,
                    "--riskstream.topics.partitions=2",
                    "--riskstream.streams.state-dir=" + Files.createTempDirectory("riskstream-" + zone),
                    "--riskstream.security.rules-admin-username=" + ADMIN,
                    "--riskstream.security.rules-admin-password=" + TestUsers.hashed(PASSWORD),
                    "--spring.cloud.function.definition=scoreTransactions");
            instances.add(new Instance(context, rules));
        }
    }

    @AfterAll
    void stop() {
        instances.forEach(instance -> instance.context().close());
        broker.destroy();
    }

    @Test
    @Order(1)
    void bothInstancesStartWithTheFirstPublishedVersionAndAreHealthy() throws Exception {
        for (Instance instance : instances) {
            assertThat(fraudVersion(instance)).as("fraud version on %s", instance.url("")).isEqualTo(1);
            JsonNode rules = json.readTree(get(instance, "/actuator/health").body()).path("components").path("rules");
            assertThat(rules.path("status").asString()).as("rules health of %s: %s", instance.url(""), rules)
                    .isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void publishingWithoutARulesAdministratorIsRefused() throws Exception {
        assertThat(post(instances.get(0), "/actuator/rules", null).statusCode()).isEqualTo(401);
        assertThat(post(instances.get(0), "/actuator/rules", "wrong-password").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void aPageOfAnotherSiteCannotPublishEvenWithTheAdministratorsCachedCredentials() throws Exception {
        Instance first = instances.get(0);
        String dryRun = """
                {"ruleset": "fraud", "files": {"casino.drl": "package rules.fraud;\\nimport io.riskstream.events.Transaction;\\nrule \\"casino\\" when Transaction(merchantCategory == \\"7995\\") then end"},
                 "cases": [{"transaction": {"merchantCategory": "7995"}}]}
                """;

        for (String[] header : new String[][] {{"Origin", "https://evil.example"}, {"Origin", "null"},
                {"Sec-Fetch-Site", "cross-site"}, {"Sec-Fetch-Site", "same-site"}}) {
            HttpResponse<String> publish = send(HttpRequest.newBuilder(URI.create(first.url("/actuator/rules")))
                    .header(header[0], header[1]).POST(HttpRequest.BodyPublishers.noBody()), PASSWORD);
            HttpResponse<String> tried = send(HttpRequest.newBuilder(URI.create(first.url("/api/rules/dry-run")))
                    .header(header[0], header[1]).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(dryRun)), PASSWORD);

            assertThat(publish.statusCode()).as("publish with %s: %s", header[0] + ": " + header[1], publish.body())
                    .isEqualTo(403);
            assertThat(tried.statusCode()).as("dry run with %s", header[0] + ": " + header[1]).isEqualTo(403);
        }
        // The app's own pages are same-origin.
        URI own = URI.create(first.url(""));
        HttpResponse<String> sameOrigin = send(HttpRequest.newBuilder(URI.create(first.url("/api/rules/dry-run")))
                .header("Origin", own.getScheme() + "://" + own.getAuthority()).header("Sec-Fetch-Site", "same-origin")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(dryRun)),
                PASSWORD);
        assertThat(sameOrigin.statusCode()).as(sameOrigin.body()).isEqualTo(200);
        assertThat(fraudVersion(first)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void onlyTheProbesAndTheBareHealthStatusAreOpenEveryOtherActuatorEndpointNeedsAnOperator() throws Exception {
        Instance first = instances.get(0);

        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            assertThat(get(first, probe, null).statusCode()).as(probe).isEqualTo(200);
        }
        HttpResponse<String> bare = get(first, "/actuator/health", null);
        assertThat(bare.statusCode()).isEqualTo(200);
        assertThat(json.readTree(bare.body()).path("status").asString()).isEqualTo("UP");
        assertThat(bare.body()).doesNotContain("components").doesNotContain("rules");

        for (String path : List.of("/actuator/prometheus", "/actuator/rules", "/actuator/info", "/actuator",
                "/actuator/health/rules")) {
            assertThat(get(first, path, null).statusCode()).as("%s anonymously", path).isEqualTo(401);
            assertThat(get(first, path, TestUsers.basic(TestUsers.OPERATOR, "wrong")).statusCode())
                    .as("%s with a wrong password", path).isEqualTo(401);
            assertThat(get(first, path, TestUsers.operator()).statusCode()).as("%s as the operator", path)
                    .isEqualTo(200);
            assertThat(get(first, path, TestUsers.basic(ADMIN, PASSWORD)).statusCode()).as("%s as the admin", path)
                    .isEqualTo(200);
        }
        assertThat(get(first, "/actuator/health", TestUsers.operator()).body()).contains("components")
                .contains("rules");
        // Reading is not changing: the operator cannot publish.
        HttpResponse<String> publish = http.send(HttpRequest.newBuilder(URI.create(first.url("/actuator/rules")))
                .header("Authorization", TestUsers.operator()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(publish.statusCode()).isEqualTo(403);
        assertThat(get(first, "/", null).statusCode()).as("the dashboard").isEqualTo(200);
        assertThat(get(first, "/api/alerts/recent", null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void dryRunNeedsARulesAdministratorAndPublishesNothing() throws Exception {
        String request = """
                {"ruleset": "fraud", "files": {"casino.drl": "package rules.fraud;\\nimport io.riskstream.events.Transaction;\\nrule \\"casino\\" when Transaction(merchantCategory == \\"7995\\") then end"},
                 "cases": [{"transaction": {"merchantCategory": "7995"}}]}
                """;
        Instance first = instances.get(0);

        assertThat(postJson(first, "/api/rules/dry-run", request, null).statusCode()).isEqualTo(401);
        HttpResponse<String> answer = postJson(first, "/api/rules/dry-run", request, PASSWORD);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"firedRules\":[\"casino\"");
        assertThat(fraudVersion(first)).isEqualTo(1);
        assertThat(get(first, "/actuator/rules").body()).doesNotContain("casino");
    }

    @Test
    @Order(3)
    void publishedVersionReachesBothInstancesAndNewDecisionsCarryIt() throws Exception {
        Instance first = instances.get(0);
        Files.writeString(first.rules().resolve("fraud/gift-cards.drl"), MARKER_DRL);
        Files.writeString(first.rules().resolve("fraud/tests/gift-cards.yaml"), MARKER_TESTS);

        HttpResponse<String> published = post(first, "/actuator/rules", PASSWORD);

        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.body()).contains("\"version\":2").contains("\"changed\":true");
        // Active on both: each instance says so itself. (Asking each for decisions it made would ask which
        // partitions it happens to own.)
        for (Instance instance : instances) {
            awaitFraudVersion(instance, 2);
        }
        // Sent after both switched, so whichever instance decides them, they carry the new version.
        List<FraudDecision> decisions = decide(giftCardPurchases(20));
        assertThat(decisions).allSatisfy(decision -> {
            assertThat(decision.getRulesetVersion()).isEqualTo(2);
            assertThat(decision.getReasons()).extracting(Reason::getRuleId).contains(MARKER_RULE);
        });
    }

    @Test
    @Order(4)
    void failingRulesetIsRejectedWithFileAndLineAndBothKeepTheActiveVersion() throws Exception {
        Instance second = instances.get(1);
        Files.writeString(second.rules().resolve("fraud/broken.drl"),
                "package rules.fraud;\n\nrule \"broken\"\nwhen\n    Transaction(amountMinor >\nthen\nend\n");

        HttpResponse<String> rejected = post(second, "/actuator/rules", PASSWORD);

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("broken.drl:");
        assertThat(get(second, "/actuator/rules").body()).contains("lastRejection").contains("broken.drl");
        for (Instance instance : instances) {
            assertThat(fraudVersion(instance)).as("fraud version on %s", instance.url("")).isEqualTo(2);
        }
        assertThat(decide(giftCardPurchases(1))).extracting(FraudDecision::getRulesetVersion).containsOnly(2L);
        Files.delete(second.rules().resolve("fraud/broken.drl"));
    }

    @Test
    @Order(5)
    void rollingBackRepublishesThePreviousFilesAsANewVersion() throws Exception {
        Instance first = instances.get(0);
        Files.delete(first.rules().resolve("fraud/gift-cards.drl"));
        Files.delete(first.rules().resolve("fraud/tests/gift-cards.yaml"));

        HttpResponse<String> published = post(first, "/actuator/rules", PASSWORD);

        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.body()).contains("\"version\":3");
        for (Instance instance : instances) {
            awaitFraudVersion(instance, 3);
        }
        assertThat(decide(giftCardPurchases(4))).allSatisfy(decision -> {
            assertThat(decision.getRulesetVersion()).isEqualTo(3);
            assertThat(decision.getReasons()).extracting(Reason::getRuleId).doesNotContain(MARKER_RULE);
        });
    }

    @Test
    @Order(6)
    void aShadowDecidesBesideFraudOnBothInstancesChangesNoLiveDecisionAndIsPromotedByAnOrdinaryPublication()
            throws Exception {
        Instance first = instances.get(0);
        Path shadow = first.rules().resolve(FraudScorer.SHADOW);
        RepositoryRules.copyTree(first.rules().resolve("fraud"), shadow);
        Files.writeString(shadow.resolve("gift-cards.drl"), MARKER_DRL);
        Files.writeString(shadow.resolve("tests/gift-cards.yaml"), MARKER_TESTS);

        HttpResponse<String> published = post(first, "/actuator/rules", PASSWORD);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(published.body()).contains("\"ruleset\":\"fraud.shadow\"");
        for (Instance instance : instances) {
            awaitVersion(instance, FraudScorer.SHADOW, 1);
        }
        List<Transaction> purchases = giftCardPurchases(10);
        List<FraudDecision> live = decide(purchases);
        assertThat(live).allSatisfy(decision -> {
            assertThat(decision.getRulesetVersion()).isEqualTo(3);
            assertThat(decision.getReasons()).extracting(Reason::getRuleId).doesNotContain(MARKER_RULE);
        });
        assertThat(shadowDecisions(purchases)).hasSize(purchases.size()).allSatisfy(decision -> {
            assertThat(decision.getRulesetVersion()).isEqualTo(1);
            assertThat(decision.getReasons()).extracting(Reason::getRuleId).contains(MARKER_RULE);
        });

        // Promotion: the shadow's files become fraud's, the shadow's directory goes, and one publication does both.
        Files.copy(shadow.resolve("gift-cards.drl"), first.rules().resolve("fraud/gift-cards.drl"));
        Files.copy(shadow.resolve("tests/gift-cards.yaml"), first.rules().resolve("fraud/tests/gift-cards.yaml"));
        RepositoryRules.delete(shadow);
        HttpResponse<String> promoted = post(first, "/actuator/rules", PASSWORD);
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        for (Instance instance : instances) {
            awaitFraudVersion(instance, 4);
            awaitVersion(instance, FraudScorer.SHADOW, 0);
        }
        List<Transaction> after = giftCardPurchases(3);
        assertThat(decide(after)).allSatisfy(decision -> {
            assertThat(decision.getRulesetVersion()).isEqualTo(4);
            assertThat(decision.getReasons()).extracting(Reason::getRuleId).contains(MARKER_RULE);
        });
        assertThat(shadowDecisions(after, Duration.ofSeconds(5))).as("the shadow is off").isEmpty();
    }

    /** The decisions on {@code fraud-decisions-shadow} of {@code purchases}, once there is one for each. */
    private List<FraudDecision> shadowDecisions(List<Transaction> purchases) {
        return shadowDecisions(purchases, TIMEOUT);
    }

    private List<FraudDecision> shadowDecisions(List<Transaction> purchases, Duration wait) {
        Set<String> ids = purchases.stream().map(Transaction::getTransactionId).collect(Collectors.toSet());
        List<FraudDecision> found = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = TestClients.avroConsumer(broker.getBrokersAsString(),
                TestRegistry.url(), Topics.FRAUD_DECISIONS_SHADOW.name())) {
            Instant deadline = Instant.now().plus(wait);
            while (found.size() < ids.size() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    FraudDecision decision = (FraudDecision) record.value();
                    if (ids.contains(decision.getTransactionId())) {
                        found.add(decision);
                    }
                });
            }
        }
        return found;
    }

    private List<Transaction> giftCardPurchases(int cards) {
        return TestTransactions.groceryPurchases(cards).stream().map(tx -> Transaction.newBuilder(tx)
                .setMerchantId("gift-shop").setMerchantCategory("5947").build()).toList();
    }

    private List<FraudDecision> decide(List<Transaction> purchases) {
        return TestTransactions.decide(Map.of("bootstrap.servers", broker.getBrokersAsString()), TestRegistry.url(),
                purchases, TIMEOUT);
    }

    /** A GET as the operator. */
    private HttpResponse<String> get(Instance instance, String path) throws Exception {
        return get(instance, path, TestUsers.operator());
    }

    private HttpResponse<String> get(Instance instance, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance.url(path)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Instance instance, String path, String password) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(instance.url(path))).POST(HttpRequest.BodyPublishers.noBody()),
                password);
    }

    private HttpResponse<String> postJson(Instance instance, String path, String json, String password)
            throws Exception {
        return send(HttpRequest.newBuilder(URI.create(instance.url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), password);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String password) throws Exception {
        if (password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((ADMIN + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The active version of the fraud ruleset on {@code instance}, from its own {@code /actuator/rules}. */
    private long fraudVersion(Instance instance) throws Exception {
        return version(instance, FraudScorer.RULESET);
    }

    /** The active version of {@code ruleset} on {@code instance}, 0 when none is (a shadow turned off). */
    private long version(Instance instance, String ruleset) throws Exception {
        return json.readTree(get(instance, "/actuator/rules").body()).path(ruleset).path("version").asLong(0);
    }

    /** Waits, as long as a loaded machine may need to compile and swap, until {@code instance} is on {@code version}. */
    private void awaitFraudVersion(Instance instance, long version) {
        awaitVersion(instance, FraudScorer.RULESET, version);
    }

    private void awaitVersion(Instance instance, String ruleset, long version) {
        await().alias(String.format("%s version %d on %s", ruleset, version, instance.url(""))).atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> version(instance, ruleset), current -> current == version);
    }
}
