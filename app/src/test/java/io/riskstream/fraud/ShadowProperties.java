package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.Transaction;
import io.riskstream.platform.HostileInputs;
import io.riskstream.platform.HostileInputs.Batch;
import io.riskstream.platform.HostileInputs.Shape;
import io.riskstream.platform.Topics;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.lifecycle.ActiveRuleSets;
import io.riskstream.rules.lifecycle.RepositoryRules;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A shadow decides nothing: the same generated batches of good, retried and hostile records give the same live
 * decisions, alerts, dead letters and card states with a shadow ruleset active as without one, even a shadow whose
 * rule throws; and the shadow decides each decided transaction once.
 */
class ShadowProperties {

    static final String SHADOW = """
            package rules.fraud;
            import io.riskstream.events.Transaction;
            import io.riskstream.fraud.CardSnapshot;
            import io.riskstream.fraud.Decision;
            import io.riskstream.fraud.Scorecard;
            global Scorecard scorecard;
            rule "seen-before" when CardSnapshot(txCount >= 1) then scorecard.add(900, "seen before"); end
            rule "boom" when Transaction(amountMinor % 7 == 0) then throw new IllegalStateException("boom"); end
            rule "decline" ruleflow-group "thresholds" when Scorecard(total >= 700) then scorecard.decide(Decision.DECLINE); end
            rule "approve" ruleflow-group "thresholds" when Scorecard(total < 700) then scorecard.decide(Decision.APPROVE); end
            """;

    /** What one run wrote, and the card states it left. */
    record Outcome(List<FraudDecision> decisions, List<FraudDecision> alerts, List<byte[]> deadLetters,
                   Map<String, CardProfile> cards, List<FraudDecision> shadow) {
    }

    @Provide
    Arbitrary<List<Shape>> batches() {
        return HostileInputs.shapeLists(true);
    }

    @Property(tries = 15)
    void aShadowChangesNoLiveDecisionAlertDeadLetterOrCardState(@ForAll("batches") List<Shape> shapes,
                                                                @ForAll long seed) {
        Batch batch = HostileInputs.batch(shapes, seed, FraudTopologyProperties.SUBJECT, FraudTopologyProperties.LIMITS,
                Duration.ofDays(6), false);

        Outcome without = run(batch, false);
        Outcome with = run(batch, true);

        assertThat(with.decisions()).as("live decisions").isEqualTo(without.decisions());
        assertThat(with.alerts()).as("alerts").isEqualTo(without.alerts());
        assertThat(with.deadLetters()).as("dead letters").containsExactlyElementsOf(without.deadLetters());
        assertThat(with.cards()).as("card states").isEqualTo(without.cards());
        assertThat(without.shadow()).isEmpty();
        assertThat(with.shadow()).extracting(FraudDecision::getTransactionId).as("one shadow decision per decision")
                .containsExactlyElementsOf(with.decisions().stream().map(FraudDecision::getTransactionId).toList());
    }

    private static Outcome run(Batch batch, boolean shadow) {
        CardProfileUpdater updater = new CardProfileUpdater(FraudTopologyProperties.SETTINGS.cardProfile());
        ActiveRuleSets rules = RepositoryRules.active(FraudScorer.ruleSet(updater), 1, FraudTopologyProperties.CLOCK);
        if (shadow) {
            rules.activate(new RuleSetCompiler().compile(FraudScorer.SHADOW, 1, Map.of("shadow.drl", SHADOW)));
        }
        try (TopologyTestDriver driver = FraudTopologyProperties.driver(rules, updater, new SimpleMeterRegistry())) {
            batch.sendTo(driver.createInputTopic(Topics.TRANSACTIONS.name(), Serdes.String().serializer(),
                    Serdes.ByteArray().serializer()));
            Map<String, CardProfile> cards = new LinkedHashMap<>();
            KeyValueStore<String, CardProfile> store = driver.getKeyValueStore(FraudTopology.CARD_PROFILES_STORE);
            try (KeyValueIterator<String, CardProfile> all = store.all()) {
                all.forEachRemaining((KeyValue<String, CardProfile> card) -> cards.put(card.key, card.value));
            }
            return new Outcome(read(driver, Topics.FRAUD_DECISIONS.name()), read(driver, Topics.FRAUD_ALERTS.name()),
                    driver.createOutputTopic(Topics.TRANSACTIONS.deadLetterTopic(), Serdes.String().deserializer(),
                            Serdes.ByteArray().deserializer()).readValuesToList(), cards,
                    read(driver, Topics.FRAUD_DECISIONS_SHADOW.name()));
        }
    }

    private static List<FraudDecision> read(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(),
                FraudTopologyProperties.DECISIONS.deserializer()).readValuesToList();
    }
}
