package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.Reason;
import io.riskstream.events.Transaction;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.DecodingSerde;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.TestAvroSerde;
import io.riskstream.platform.Topics;
import io.riskstream.platform.TopologyTests;
import io.riskstream.rules.lifecycle.ActiveRuleSets;
import io.riskstream.rules.lifecycle.RepositoryRules;
import io.riskstream.schemas.SchemaCatalog;

/** The scoring stream through TopologyTestDriver, with the repository's own fraud ruleset. */
class FraudTopologyTest {

    static final Serde<Transaction> TRANSACTIONS = TestAvroSerde.of(Transaction.class);
    static final Serde<FraudDecision> DECISIONS = TestAvroSerde.of(FraudDecision.class);
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofDays(60)), ZoneOffset.UTC);
    static final FraudSettings SETTINGS = new FraudSettings(Duration.ofDays(7), Duration.ofDays(30),
            Duration.ofHours(1), 1000, 100_000_000_000L, 16, 32, 16);
    /** Event times up to 5 minutes ahead of the clock and a year behind it: the tests' events span weeks. */
    static final InputLimits LIMITS = new InputLimits(Duration.ofMinutes(5), Duration.ofDays(365), 3 * 1024 * 1024,
            CLOCK);
    static final long VERSION = 3;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, Transaction> transactions;
    private TestInputTopic<String, byte[]> rawTransactions;
    private TestOutputTopic<String, FraudDecision> decisions;
    private TestOutputTopic<String, FraudDecision> alerts;
    private TestOutputTopic<String, byte[]> deadLetters;
    private TestOutputTopic<String, FraudDecision> shadowDecisions;
    private ActiveRuleSets rules;

    @BeforeEach
    void start() {
        build(SETTINGS);
    }

    private void rebuild(FraudSettings settings) {
        driver.close();
        build(settings);
    }

    private void build(FraudSettings settings) {
        CardProfileUpdater updater = new CardProfileUpdater(settings.cardProfile());
        rules = RepositoryRules.active(FraudScorer.ruleSet(updater), VERSION, CLOCK);
        StreamsBuilder builder = new StreamsBuilder();
        FraudTopology.build(builder.stream(Topics.TRANSACTIONS.name(),
                                Consumed.with(Serdes.String(), new DecodingSerde<>(TRANSACTIONS, Transaction.class))),
                        settings, new FraudScorer(rules, CLOCK), updater, DECISIONS, LIMITS, meters)
                .to(Topics.FRAUD_DECISIONS.name(), Produced.with(Serdes.String(), DECISIONS));
        driver = TopologyTests.driver(builder.build(), LIMITS);
        transactions = driver.createInputTopic(Topics.TRANSACTIONS.name(), Serdes.String().serializer(),
                TRANSACTIONS.serializer());
        rawTransactions = driver.createInputTopic(Topics.TRANSACTIONS.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        decisions = driver.createOutputTopic(Topics.FRAUD_DECISIONS.name(), Serdes.String().deserializer(),
                DECISIONS.deserializer());
        alerts = driver.createOutputTopic(Topics.FRAUD_ALERTS.name(), Serdes.String().deserializer(),
                DECISIONS.deserializer());
        deadLetters = driver.createOutputTopic(Topics.TRANSACTIONS.deadLetterTopic(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        shadowDecisions = driver.createOutputTopic(Topics.FRAUD_DECISIONS_SHADOW.name(),
                Serdes.String().deserializer(), DECISIONS.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void ordinaryPurchaseIsApprovedWithTheRulesetVersionAndNoAlert() {
        Transaction tx = purchase("card-1", 0).build();
        send(tx);

        FraudDecision decision = decisions.readValue();
        assertThat(decision.getTransactionId()).isEqualTo(tx.getTransactionId());
        assertThat(decision.getCardId()).isEqualTo("card-1");
        assertThat(decision.getDecision()).isEqualTo("APPROVE");
        assertThat(decision.getRulesetVersion()).isEqualTo(VERSION);
        assertThat(decision.getEventTime()).isEqualTo(tx.getEventTime());
        assertThat(decision.getDecidedAt()).isEqualTo(CLOCK.instant());
        assertThat(alerts.isEmpty()).isTrue();
    }

    /** A shadow that declines a card's second transaction and later: it reads the same card state as the live one. */
    static final String SHADOW_DRL = """
            package rules.fraud;
            import io.riskstream.fraud.CardSnapshot;
            import io.riskstream.fraud.Decision;
            import io.riskstream.fraud.Scorecard;
            global Scorecard scorecard;
            rule "seen-before" when CardSnapshot(txCount >= 1) then scorecard.add(900, "seen before"); end
            rule "decline" ruleflow-group "thresholds" when Scorecard(total >= 700) then scorecard.decide(Decision.DECLINE); end
            rule "approve" ruleflow-group "thresholds" when Scorecard(total < 700) then scorecard.decide(Decision.APPROVE); end
            """;

    @Test
    void anActiveShadowDecidesBesideTheLiveRulesetOnItsOwnTopicWithoutAlertingUntilItIsTurnedOff() {
        send(purchase("card-s", 0).build());
        assertThat(shadowDecisions.isEmpty()).as("no shadow yet").isTrue();
        decisions.readValue();
        rules.activate(new io.riskstream.rules.engine.RuleSetCompiler().compile(FraudScorer.SHADOW, 4,
                java.util.Map.of("shadow.drl", SHADOW_DRL)));

        Transaction second = purchase("card-s", 1).build();
        send(second);
        Transaction other = purchase("card-t", 2).build();
        send(other);

        assertThat(decisions.readValuesToList()).extracting(FraudDecision::getDecision)
                .containsExactly("APPROVE", "APPROVE");
        List<FraudDecision> shadowed = shadowDecisions.readValuesToList();
        assertThat(shadowed).extracting(FraudDecision::getTransactionId)
                .containsExactly(second.getTransactionId(), other.getTransactionId());
        assertThat(shadowed).extracting(FraudDecision::getDecision).containsExactly("DECLINE", "APPROVE");
        assertThat(shadowed).extracting(FraudDecision::getRulesetVersion).containsOnly(4L);
        assertThat(alerts.isEmpty()).as("a shadow never alerts").isTrue();
        assertThat(meters.counter(ScoreProcessor.SHADOW_METRIC, "live", "APPROVE", "shadow", "DECLINE", "agree",
                "false").count()).isEqualTo(1);
        assertThat(meters.counter(ScoreProcessor.SHADOW_METRIC, "live", "APPROVE", "shadow", "APPROVE", "agree",
                "true").count()).isEqualTo(1);

        assertThat(rules.retire(FraudScorer.SHADOW, 5)).isTrue();
        send(purchase("card-s", 3).build());
        assertThat(decisions.readValuesToList()).hasSize(1);
        assertThat(shadowDecisions.isEmpty()).as("off").isTrue();
    }

    @Test
    void velocityBurstIsReviewedAndAlerted() {
        for (int i = 0; i < 6; i++) {
            send(purchase("card-2", i * 5).build());
        }

        List<FraudDecision> all = decisions.readValuesToList();
        assertThat(all).hasSize(6);
        assertThat(ruleIds(all.get(4))).doesNotContain("velocity-burst");
        assertThat(ruleIds(all.get(5))).contains("velocity-burst");
        assertThat(all.get(5).getDecision()).isEqualTo("REVIEW");
        assertThat(alerts.readValuesToList()).extracting(FraudDecision::getTransactionId)
                .containsExactly(all.get(5).getTransactionId());
    }

    @Test
    void cardTestingInABurstIsDeclined() {
        for (int i = 0; i < 9; i++) {
            send(purchase("card-3", i * 6).setAmountMinor(100).setChannel("ECOM").build());
        }

        FraudDecision last = decisions.readValuesToList().get(8);
        assertThat(ruleIds(last)).contains("card-testing", "velocity-burst");
        assertThat(last.getDecision()).isEqualTo("DECLINE");
        assertThat(last.getScore()).isBetween(700, 1000);
    }

    @Test
    void countryChangeFasterThanAFlightIsImpossibleTravel() {
        send(purchase("card-4", 0).build());
        send(purchase("card-4", 600).setCountry("US").build());

        assertThat(ruleIds(decisions.readValuesToList().get(1))).contains("impossible-travel");
    }

    @Test
    void amountFarAboveTheCardsHistoryIsFlagged() {
        for (int i = 0; i < 6; i++) {
            send(purchase("card-5", i * 3600).setAmountMinor(1000 + i * 10).build());
        }
        send(purchase("card-5", 7 * 3600).setAmountMinor(90_000).build());

        assertThat(ruleIds(decisions.readValuesToList().get(6))).contains("amount-far-above-history");
    }

    @Test
    void ipCountryAwayFromHomeFlagsAV2Record() {
        send(purchase("card-6", 0).build());
        send(purchase("card-6", 3600).setChannel("ECOM").setDeviceId("device-9").setIpCountry("RU").build());

        assertThat(ruleIds(decisions.readValuesToList().get(1))).contains("ip-country-mismatch");
    }

    @Test
    void riskyMerchantCategoryAddsItsPoints() {
        send(purchase("card-11", 0).setMerchantCategory("7995").build());

        FraudDecision decision = decisions.readValue();
        assertThat(ruleIds(decision)).contains("risky-merchant-category");
        assertThat(decision.getScore()).isPositive();
    }

    @Test
    void cashAbroadAtNightIsFlagged() {
        send(purchase("card-12", 0).build());
        long nextNightSeconds = Duration.ofHours(16).toSeconds(); // 10:00 + 16 h = 02:00 UTC the next day
        send(purchase("card-12", nextNightSeconds).setChannel("ATM").setCountry("TH").setAmountMinor(20_000).build());

        assertThat(ruleIds(decisions.readValuesToList().get(1))).contains("atm-abroad-at-night");
    }

    @Test
    void recordWrittenWithV1IsScored() {
        Schema v1 = SchemaCatalog.load().forTopic(Topics.TRANSACTIONS.name()).versions().get(0);
        GenericRecord record = new GenericData.Record(v1);
        Transaction tx = purchase("card-7", 0).build();
        v1.getFields().forEach(field -> record.put(field.name(), tx.get(field.name())));
        record.put("eventTime", tx.getEventTime().toEpochMilli());

        rawTransactions.pipeInput("card-7", TestAvroSerde.writtenWith(v1, record));

        FraudDecision decision = decisions.readValue();
        assertThat(decision.getTransactionId()).isEqualTo(tx.getTransactionId());
        assertThat(ruleIds(decision)).doesNotContain("ip-country-mismatch");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void repeatedTransactionIdIsNotScoredAgainAndIsCounted() {
        Transaction tx = purchase("card-8", 0).build();
        send(tx);
        send(tx);
        send(Transaction.newBuilder(tx).setEventTime(tx.getEventTime().plusSeconds(30)).build());

        assertThat(decisions.readValuesToList()).hasSize(1);
        assertThat(meters.counter(ScoreProcessor.DUPLICATES_METRIC).count()).isEqualTo(2);
    }

    @Test
    void retryOfAnIdABusyCardPushedOutOfItsStateIsNotScoredAgain() {
        rebuild(new FraudSettings(Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(1), 1000,
                100_000_000_000L, 16, 32, 2));
        Transaction first = purchase("card-busy", 0).setTransactionId("tx-busy-0").build();
        send(first);
        send(purchase("card-busy", 10).setTransactionId("tx-busy-1").build());
        send(purchase("card-busy", 20).setTransactionId("tx-busy-2").build());
        send(first);

        assertThat(decisions.readValuesToList()).extracting(FraudDecision::getTransactionId)
                .containsExactly("tx-busy-0", "tx-busy-1", "tx-busy-2");
        assertThat(meters.counter(ScoreProcessor.DUPLICATES_METRIC).count()).isEqualTo(1);
        WindowStore<String, Long> seen = driver.getWindowStore(FraudTopology.SEEN_TRANSACTIONS_STORE);
        try (var pushedOut = seen.all()) {
            assertThat(pushedOut).toIterable().extracting(entry -> entry.key.key()).containsExactly("tx-busy-0");
        }
    }

    /** Builds before #12 kept every id in seen-transactions; a card's state they wrote reads as in this test. */
    @Test
    void retryOfATransactionTakenByABuildBeforeIdsMovedIntoCardStatesIsNotScoredAgain() {
        Transaction old = purchase("card-old", 0).setTransactionId("tx-old").build();
        long at = old.getEventTime().toEpochMilli();
        driver.<String, Long>getWindowStore(FraudTopology.SEEN_TRANSACTIONS_STORE).put("tx-old", at, at);
        CardProfile written = new CardProfileUpdater(SETTINGS.cardProfile()).apply(CardProfile.empty(), old);
        driver.<String, CardProfile>getKeyValueStore(FraudTopology.CARD_PROFILES_STORE).put("card-old",
                written.withTransactionIds(new RecentTransactionIds(List.of(), at)));

        send(old);
        send(purchase("card-old", 60).setTransactionId("tx-new").build());
        send(old);

        assertThat(decisions.readValuesToList()).extracting(FraudDecision::getTransactionId).containsExactly("tx-new");
        assertThat(meters.counter(ScoreProcessor.DUPLICATES_METRIC).count()).isEqualTo(2);
    }

    @Test
    void cardIdleLongerThanTheExpiryIsForgotten() {
        send(purchase("card-9", 0).build());
        send(purchase("card-10", 0).build());
        KeyValueStore<String, CardProfile> profiles = driver.getKeyValueStore(FraudTopology.CARD_PROFILES_STORE);
        assertThat(profiles.get("card-9")).isNotNull();

        long laterSeconds = SETTINGS.cardIdleExpiry().plus(SETTINGS.expiryScanInterval()).toSeconds() + 1;
        send(purchase("card-10", laterSeconds).setEventTime(T0.plusSeconds(laterSeconds)).build(),
                T0.plusSeconds(laterSeconds));
        driver.advanceWallClockTime(ScoreProcessor.SWEEP_TICK);

        assertThat(profiles.get("card-9")).isNull();
        assertThat(profiles.get("card-10")).isNotNull();
        assertThat(meters.counter(ScoreProcessor.EXPIRED_METRIC).count()).isEqualTo(1);
    }

    @Test
    void idleCardsAreForgottenABatchPerTickSoNoTransactionDeletesThemAll() {
        rebuild(new FraudSettings(Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(1), 3,
                100_000_000_000L, 16, 32, 16));
        for (int card = 0; card < 10; card++) {
            send(purchase("card-idle-" + card, 0).build());
        }
        long laterSeconds = Duration.ofDays(31).toSeconds();
        send(purchase("card-active", laterSeconds).setEventTime(T0.plusSeconds(laterSeconds)).build(),
                T0.plusSeconds(laterSeconds));
        KeyValueStore<String, CardProfile> profiles = driver.getKeyValueStore(FraudTopology.CARD_PROFILES_STORE);

        List<Long> left = new java.util.ArrayList<>();
        for (int tick = 0; tick < 5; tick++) {
            driver.advanceWallClockTime(ScoreProcessor.SWEEP_TICK);
            long count = 0;
            try (var all = profiles.all()) {
                for (; all.hasNext(); all.next()) {
                    count++;
                }
            }
            left.add(count);
        }

        // 11 cards, 3 looked at per tick in key order ("card-active" first): 2, 3, 3, 2 idle ones forgotten.
        assertThat(left).containsExactly(9L, 6L, 3L, 1L, 1L);
        assertThat(profiles.get("card-active")).isNotNull();
        assertThat(meters.counter(ScoreProcessor.EXPIRED_METRIC).count()).isEqualTo(10);
    }

    static List<Arguments> badTransactions() {
        return List.of(
                Arguments.of(purchase("card-x", 0).setCardId("").build(), "card-x", "cardId is empty"),
                Arguments.of(purchase("card-x", 0).setTransactionId("").build(), "card-x", "transactionId is empty"),
                Arguments.of(purchase("card-x", 0).setAmountMinor(-5).build(), "card-x", "negative"),
                Arguments.of(purchase("card-x", 0).setAmountMinor(Long.MAX_VALUE).build(), "card-x", "believable"),
                Arguments.of(purchase("card-x", 0).setCurrency("EURO").build(), "card-x", "ISO-4217"),
                Arguments.of(purchase("card-x", 0).setEventTime(CLOCK.instant().plus(Duration.ofHours(2))).build(),
                        "card-x", "ahead of this instance's clock"),
                Arguments.of(purchase("card-x", 0).setEventTime(Instant.ofEpochMilli(-86_400_000L)).build(),
                        "card-x", "before 1970"),
                Arguments.of(purchase("card-x", 0).setTransactionId("t".repeat(300)).build(), "card-x",
                        "more than 256"),
                Arguments.of(purchase("card-x", 0).setMerchantId("m\u0000").build(), "card-x", "control character"),
                Arguments.of(purchase("card-x\uFFFD", 0).build(), "card-x\uFFFD", "not valid UTF-8"),
                Arguments.of(purchase("card-x", 0).build(), "card-y", "is not the cardId"));
    }

    @ParameterizedTest
    @MethodSource("badTransactions")
    void badTransactionGoesToTheDeadLetterTopicWithTheReasonAndTheStreamGoesOn(Transaction bad, String key,
                                                                               String reason) {
        transactions.pipeInput(key, bad, T0);
        send(purchase("card-good", 1).build());

        var letter = deadLetters.readRecord();
        assertThat(letter.key()).isEqualTo(key);
        assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
                .contains(reason);
        assertThat(decisions.readValuesToList()).extracting(FraudDecision::getCardId).containsExactly("card-good");
    }

    private void send(Transaction tx) {
        send(tx, tx.getEventTime());
    }

    private void send(Transaction tx, Instant time) {
        transactions.pipeInput(tx.getCardId(), tx, time);
    }

    private static Transaction.Builder purchase(String card, long secondsAfterT0) {
        return TestTransactions.at(T0.plusSeconds(secondsAfterT0).toString()).setCardId(card);
    }

    private static List<String> ruleIds(FraudDecision decision) {
        return decision.getReasons().stream().map(Reason::getRuleId).toList();
    }
}
