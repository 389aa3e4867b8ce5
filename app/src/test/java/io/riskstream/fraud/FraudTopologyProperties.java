package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.Transaction;
import io.riskstream.platform.DeadLetterChecks;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.DecodingSerde;
import io.riskstream.platform.HostileInputs;
import io.riskstream.platform.HostileInputs.Batch;
import io.riskstream.platform.HostileInputs.Fate;
import io.riskstream.platform.HostileInputs.Input;
import io.riskstream.platform.HostileInputs.Shape;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.TestAvroSerde;
import io.riskstream.platform.Topics;
import io.riskstream.platform.TopologyTests;
import io.riskstream.rules.lifecycle.ActiveRuleSets;
import io.riskstream.rules.lifecycle.RepositoryRules;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The scoring stream against generated batches of good transactions mixed with every class of bad record (see
 * {@link HostileInputs}), with the production limits and the repository's own ruleset: nothing throws, every
 * good transaction is decided exactly once, every retry is suppressed, every bad record is in
 * {@code transactions.dlq} once with its reason, and the counts add up.
 */
class FraudTopologyProperties {

    static final Serde<Transaction> TRANSACTIONS = TestAvroSerde.of(Transaction.class);
    static final Serde<FraudDecision> DECISIONS = TestAvroSerde.of(FraudDecision.class);
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The production defaults: 5 minutes ahead, 7 days behind. */
    static final InputLimits LIMITS = InputLimits.defaults(CLOCK);
    /**
     * The production defaults but for the transaction ids a card keeps: 3, so that the batches' cards push ids out to
     * {@code seen-transactions} and their retries are looked up there as well as in the cards' own states.
     */
    static final FraudSettings SETTINGS = new FraudSettings(Duration.ofDays(7), Duration.ofDays(90),
            Duration.ofHours(1), 1000, 100_000_000_000L, 16, 32, 3);
    static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "JPY");
    static final List<String> COUNTRIES = List.of("DE", "FR", "US", "GB", "TH");

    static final HostileInputs.Subject<Transaction> SUBJECT = new HostileInputs.Subject<>(
            FraudTopologyProperties::transaction,
            tx -> tx.getCardId(),
            tx -> Transaction.newBuilder(tx).setTransactionId(tx.getTransactionId() + "-\u00fc\uD83D\uDE00")
                    .setCardId(tx.getCardId() + "-\u200F\u05E9")
                    .setMerchantId("Caf\u00e9 \uD83C\uDF70 \u202Eshop").build(),
            List.of(
                    tx -> Transaction.newBuilder(tx).setTransactionId("").build(),
                    tx -> Transaction.newBuilder(tx).setTransactionId("t".repeat(257)).build(),
                    tx -> Transaction.newBuilder(tx).setTransactionId("tx\n" + tx.getTransactionId()).build(),
                    tx -> Transaction.newBuilder(tx).setCardId("").build(),
                    tx -> Transaction.newBuilder(tx).setAccountId("acct\uFFFD").build(),
                    tx -> Transaction.newBuilder(tx).setMerchantId("m".repeat(5000)).build(),
                    tx -> Transaction.newBuilder(tx).setAmountMinor(-1 - tx.getAmountMinor()).build(),
                    tx -> Transaction.newBuilder(tx).setAmountMinor(Long.MAX_VALUE).build(),
                    tx -> Transaction.newBuilder(tx).setAmountMinor(Long.MIN_VALUE).build(),
                    tx -> Transaction.newBuilder(tx).setCurrency("EURO").build(),
                    tx -> Transaction.newBuilder(tx).setCurrency("").build()),
            LoginEvent.newBuilder().setUserId("card-1").setCountry("DE").setSuccess(true).setEventTime(NOW).build(),
            TRANSACTIONS);

    @Provide
    Arbitrary<List<Shape>> batches() {
        return HostileInputs.shapeLists(true);
    }

    @Property(tries = 25)
    void everyTransactionIsDecidedOnceOrDeadLetteredWithItsReason(@ForAll("batches") List<Shape> shapes,
                                                                  @ForAll long seed) {
        Batch batch = HostileInputs.batch(shapes, seed, SUBJECT, LIMITS, Duration.ofDays(6), false);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TopologyTestDriver driver = driver(meters)) {
            batch.sendTo(driver.createInputTopic(Topics.TRANSACTIONS.name(), Serdes.String().serializer(),
                    Serdes.ByteArray().serializer()));

            List<FraudDecision> decisions = driver.createOutputTopic(Topics.FRAUD_DECISIONS.name(),
                    Serdes.String().deserializer(), DECISIONS.deserializer()).readValuesToList();
            Map<String, Long> decidedTimes = decisions.stream()
                    .collect(Collectors.groupingBy(decision -> decision.getTransactionId(), Collectors.counting()));
            Map<String, Input> good = batch.withFate(Fate.PROCESSED).stream()
                    .collect(Collectors.toMap(input -> ((Transaction) input.decoded()).getTransactionId(),
                            Function.identity()));
            assertThat(decidedTimes.keySet()).as("decided transactions").isEqualTo(good.keySet());
            assertThat(decidedTimes.values()).as("decisions of one transaction").allMatch(times -> times == 1);

            DeadLetterChecks.exactlyTheBadOnes(batch, driver.createOutputTopic(Topics.TRANSACTIONS.deadLetterTopic(),
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList(),
                    meters, DeadLetters.METRIC);
            assertThat(meters.counter(ScoreProcessor.DUPLICATES_METRIC).count()).as("retries suppressed")
                    .isEqualTo(batch.withFate(Fate.SUPPRESSED).size());
            assertThat(decisions.size() + batch.withFate(Fate.DEAD_LETTER).size()
                    + batch.withFate(Fate.SUPPRESSED).size()).isEqualTo(batch.inputs().size());
        }
    }

    private static TopologyTestDriver driver(SimpleMeterRegistry meters) {
        CardProfileUpdater updater = new CardProfileUpdater(SETTINGS.cardProfile());
        return driver(RepositoryRules.active(FraudScorer.ruleSet(updater), 1, CLOCK), updater, meters);
    }

    /** The scoring stream with these settings and limits, deciding with {@code rules}, in a test driver. */
    static TopologyTestDriver driver(ActiveRuleSets rules, CardProfileUpdater updater, MeterRegistry meters) {
        StreamsBuilder builder = new StreamsBuilder();
        FraudTopology.build(builder.stream(Topics.TRANSACTIONS.name(),
                                Consumed.with(Serdes.String(), new DecodingSerde<>(TRANSACTIONS, Transaction.class))),
                        SETTINGS, new FraudScorer(rules, CLOCK), updater, DECISIONS, LIMITS, meters)
                .to(Topics.FRAUD_DECISIONS.name(), Produced.with(Serdes.String(), DECISIONS));
        return TopologyTests.driver(builder.build(), LIMITS);
    }

    private static Transaction transaction(int i, Instant time, Random random) {
        return Transaction.newBuilder()
                .setTransactionId("tx-" + i)
                .setCardId("card-" + random.nextInt(20))
                .setAccountId("acct-" + random.nextInt(20))
                .setAmountMinor(1 + random.nextInt(500_000))
                .setCurrency(CURRENCIES.get(random.nextInt(CURRENCIES.size())))
                .setMerchantId("merchant-" + random.nextInt(50))
                .setMerchantCategory(random.nextBoolean() ? "5411" : "7995")
                .setCountry(COUNTRIES.get(random.nextInt(COUNTRIES.size())))
                .setChannel(random.nextBoolean() ? "POS" : "ECOM")
                .setEventTime(time)
                .build();
    }
}
