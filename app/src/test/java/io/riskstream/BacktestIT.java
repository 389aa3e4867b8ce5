package io.riskstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.Transaction;
import io.riskstream.operator.OperatorCommands;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.TestUsers;
import io.riskstream.platform.Topics;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A backtest through {@code POST /api/rules/backtest} on the app scoring against a real broker and registry: it
 * replays the live decisions exactly (every one found and agreed with, score included), the candidate's counts are
 * those this test works out from the transactions it sent (its rule reads the card's history from before the range),
 * and it writes nothing to {@code fraud-decisions}, {@code fraud-alerts} or the card state's changelogs.
 */
class BacktestIT extends RealInfrastructureIT {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final String CANDIDATE = """
            package rules.fraud;
            import io.riskstream.events.Transaction;
import io.riskstream.operator.OperatorCommands;
            import io.riskstream.fraud.CardSnapshot;
            import io.riskstream.fraud.Decision;
            import io.riskstream.fraud.Scorecard;
            global Scorecard scorecard;
            rule "big" when Transaction(amountMinor >= 50000) then scorecard.add(700, "big"); end
            rule "busy-card" when CardSnapshot(txCount >= 2) then scorecard.add(300, "busy"); end
            rule "decline" ruleflow-group "thresholds" when Scorecard(total >= 700) then scorecard.decide(Decision.DECLINE); end
            rule "review" ruleflow-group "thresholds" when Scorecard(total >= 300, total < 700) then scorecard.decide(Decision.REVIEW); end
            rule "approve" ruleflow-group "thresholds" when Scorecard(total < 300) then scorecard.decide(Decision.APPROVE); end
            """;
    static final List<Long> AMOUNTS = List.of(1_500L, 60_000L, 150_000L, 4_000L);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aBacktestReplaysTheLiveDecisionsAndCountsTheCandidateWithoutWritingAnything() throws Exception {
        String cards = "bt-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        // Two days back, to the second: no other test sends transactions of that time.
        Instant base = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        List<Transaction> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sent.add(Transaction.newBuilder().setTransactionId(cards + "tx-" + i).setCardId(cards + (i % 5))
                    .setAccountId("account").setAmountMinor(AMOUNTS.get((i / 5) % AMOUNTS.size())).setCurrency("EUR")
                    .setMerchantId("merchant-" + (i % 7)).setMerchantCategory("5411").setCountry("DE")
                    .setChannel("POS").setEventTime(base.plusSeconds(i)).setDeviceId(null).setIpCountry(null).build());
        }
        try (KafkaProducer<String, Object> producer = TestClients.avroProducer(bootstrap(), TestRegistry.url(), true)) {
            for (Transaction tx : sent) {
                producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), tx.getCardId(), tx)).get();
            }
            // A retry of one in the range: scoring skips it, and so must the backtest.
            producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), sent.get(30).getCardId(), sent.get(30)))
                    .get();
        }
        Map<String, FraudDecision> live = liveDecisions(cards, sent.size());

        Instant from = base.plusSeconds(20);
        Instant to = base.plusSeconds(50);
        Map<String, Long> ends = endOffsets();
        JsonNode job = submit(Map.of("files", Map.of("candidate.drl", CANDIDATE), "from", from.toString(),
                "to", to.toString()));
        String id = job.path("id").asString();
        JsonNode done = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
                .until(() -> get("/api/rules/backtest/" + id), view -> !view.path("state").asString().equals("QUEUED")
                        && !view.path("state").asString().equals("RUNNING"));
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("DONE");
        JsonNode report = done.path("report");

        Map<String, Long> liveOutcomes = outcomes();
        Map<String, Long> candidateOutcomes = outcomes();
        Map<String, Long> changes = new TreeMap<>();
        Map<String, Integer> earlierOfCard = new HashMap<>();
        long busy = 0;
        for (Transaction tx : sent) {
            int earlier = earlierOfCard.merge(tx.getCardId(), 1, Integer::sum) - 1;
            if (tx.getEventTime().isBefore(from) || !tx.getEventTime().isBefore(to)) {
                continue;
            }
            String was = live.get(tx.getTransactionId()).getDecision();
            int score = (tx.getAmountMinor() >= 50_000 ? 700 : 0) + (earlier >= 2 ? 300 : 0);
            String now = score >= 700 ? "DECLINE" : score >= 300 ? "REVIEW" : "APPROVE";
            busy += earlier >= 2 ? 1 : 0;
            liveOutcomes.merge(was, 1L, Long::sum);
            candidateOutcomes.merge(now, 1L, Long::sum);
            if (!was.equals(now)) {
                changes.merge(was + "->" + now, 1L, Long::sum);
            }
        }
        assertThat(report.path("decided").asLong()).isEqualTo(30);
        assertThat(report.path("duplicates").asLong()).as("the retry").isEqualTo(1);
        assertThat(report.path("recorded").path("found").asLong()).as("live decisions found").isEqualTo(30);
        assertThat(report.path("recorded").path("agreeing").asLong()).as("replayed exactly, score included")
                .isEqualTo(30);
        assertThat(longs(report.path("baseline").path("decisions"))).isEqualTo(liveOutcomes);
        assertThat(longs(report.path("candidateSide").path("decisions"))).isEqualTo(candidateOutcomes);
        assertThat(report.path("candidateSide").path("ruleHits").path("busy-card").asLong()).isEqualTo(busy);
        assertThat(longs(report.path("changes").path("byOutcome"))).isEqualTo(changes);
        assertThat(report.path("changes").path("transactions")).allSatisfy(change ->
                assertThat(change.path("transactionId").asString()).startsWith(cards));

        assertThat(writtenSince(ends, cards)).as("records of the backtest's cards written since it began").isEmpty();

        // The same as a command of the jar, which asks the app and prints the report.
        Path candidate = Files.createTempDirectory("candidate");
        Files.writeString(candidate.resolve("candidate.drl"), CANDIDATE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OperatorCommands.run(new String[] {"backtest", "--files=" + candidate, "--from=" + from,
                "--to=" + to, "--app=http://localhost:" + port,
                "--riskstream.security.rules-admin-username=" + TestUsers.RULES_ADMIN},
                Map.of("RISKSTREAM_SECURITY_RULES_ADMIN_PASSWORD", TestUsers.RULES_ADMIN_PASSWORD),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode printed = json.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(longs(printed.path("candidateSide").path("decisions"))).isEqualTo(candidateOutcomes);
        assertThat(printed.path("recorded").path("agreeing").asLong()).isEqualTo(30);
    }

    @Test
    void aCandidateThatDoesNotCompileIsRefusedAtOnceAndOnlyARulesAdministratorMayAsk() throws Exception {
        String body = json.writeValueAsString(Map.of("files", Map.of("bad.drl", "rule \"x\" when then oops"),
                "from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"));
        HttpResponse<String> refused = post(body, TestUsers.rulesAdmin());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).path("problems").isArray()).isTrue();
        assertThat(post(body, TestUsers.operator()).statusCode()).isEqualTo(403);
        assertThat(post(body, null).statusCode()).isEqualTo(401);
        String both = json.writeValueAsString(Map.of("files", Map.of("a.drl", CANDIDATE), "version", 1,
                "from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"));
        assertThat(post(both, TestUsers.rulesAdmin()).body()).contains("not both");
        String never = json.writeValueAsString(Map.of("version", 999_999, "from", "2026-01-01T00:00:00Z",
                "to", "2026-01-02T00:00:00Z"));
        assertThat(post(never, TestUsers.rulesAdmin()).body()).contains("no published version 999999");
    }

    @Test
    void thePublishedVersionThatDecidedBacktestedAgainstItselfChangesNothing() throws Exception {
        long active = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/actuator/rules")).header("Authorization", TestUsers.operator()).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("fraud").path("version").asLong();
        Instant now = Instant.now();
        JsonNode job = submit(Map.of("version", active, "from", now.minus(Duration.ofDays(3)).toString(),
                "to", now.plus(Duration.ofMinutes(1)).toString()));
        JsonNode done = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
                .until(() -> get("/api/rules/backtest/" + job.path("id").asString()),
                        view -> !List.of("QUEUED", "RUNNING").contains(view.path("state").asString()));
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("DONE");
        JsonNode report = done.path("report");
        assertThat(report.path("candidate").path("source").asString()).isEqualTo("published");
        assertThat(report.path("candidate").path("version").asLong()).isEqualTo(active);
        assertThat(report.path("changes").path("count").asLong()).isZero();
        assertThat(report.path("changes").path("scoresChanged").asLong()).isZero();
        assertThat(longs(report.path("candidateSide").path("decisions")))
                .isEqualTo(longs(report.path("baseline").path("decisions")));
        assertThat(report.path("recorded").path("agreeing").asLong())
                .isEqualTo(report.path("recorded").path("found").asLong());
    }

    private Map<String, FraudDecision> liveDecisions(String cards, int count) {
        Map<String, FraudDecision> decided = new LinkedHashMap<>();
        try (KafkaConsumer<String, Object> consumer = TestClients.avroConsumer(bootstrap(), TestRegistry.url(),
                Topics.FRAUD_DECISIONS.name())) {
            TestClients.readUntil(consumer, read -> {
                read.forEach(record -> {
                    FraudDecision decision = (FraudDecision) record.value();
                    if (decision.getTransactionId().startsWith(cards)) {
                        decided.put(decision.getTransactionId(), decision);
                    }
                });
                return decided.size() == count;
            }, TIMEOUT);
        }
        return decided;
    }

    /** The end offsets of what a backtest must not write: decisions, alerts, and the scoring's changelogs. */
    private Map<String, Long> endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            List<String> topics = new ArrayList<>(List.of(Topics.FRAUD_DECISIONS.name(), Topics.FRAUD_ALERTS.name()));
            admin.listTopics().names().get().stream()
                    .filter(name -> name.endsWith("card-profiles-changelog") || name.endsWith("seen-transactions-changelog"))
                    .forEach(topics::add);
            assertThat(topics).hasSizeGreaterThanOrEqualTo(4);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
                    .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<String, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp.topic() + ":" + tp.partition(),
                    info.offset()));
            return ends;
        }
    }

    /** Records written since {@code ends} whose key names one of the backtest's cards or transactions. */
    private List<String> writtenSince(Map<String, Long> ends, String cards) {
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestClients.rawConsumer(bootstrap(), Topics.FRAUD_DECISIONS.name())) {
            consumer.unsubscribe();
            List<TopicPartition> partitions = ends.keySet().stream().map(key -> new TopicPartition(
                    key.substring(0, key.lastIndexOf(':')), Integer.parseInt(key.substring(key.lastIndexOf(':') + 1))))
                    .toList();
            consumer.assign(partitions);
            partitions.forEach(tp -> consumer.seek(tp, ends.get(tp.topic() + ":" + tp.partition())));
            Map<TopicPartition, Long> now = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < now.get(tp))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    // Window store keys hold the transaction id's bytes (then its time); the others are card ids.
                    if (record.key() != null && record.key().contains(cards)) {
                        found.add(record.topic() + "-" + record.partition() + "@" + record.offset());
                    }
                }
            }
        }
        return found;
    }

    private JsonNode submit(Map<String, Object> request) throws Exception {
        HttpResponse<String> response = post(json.writeValueAsString(request), TestUsers.rulesAdmin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).isPresent();
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/rules/backtest")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestUsers.rulesAdmin()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static Map<String, Long> outcomes() {
        Map<String, Long> outcomes = new TreeMap<>();
        List.of("APPROVE", "REVIEW", "DECLINE").forEach(outcome -> outcomes.put(outcome, 0L));
        return outcomes;
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> values = new TreeMap<>();
        object.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asLong()));
        return values;
    }
}
