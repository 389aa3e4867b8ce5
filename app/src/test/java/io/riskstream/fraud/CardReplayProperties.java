package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.Transaction;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.DecodingSerde;
import io.riskstream.platform.HostileInputs;
import io.riskstream.platform.HostileInputs.Batch;
import io.riskstream.platform.HostileInputs.Fate;
import io.riskstream.platform.HostileInputs.Input;
import io.riskstream.platform.HostileInputs.Shape;
import io.riskstream.platform.Topics;
import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.lifecycle.ActiveRuleSets;
import io.riskstream.rules.lifecycle.RepositoryRules;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A backtest is only as good as its replay: the same generated batches of good, retried and hostile records through
 * the scoring stream and through {@link CardReplay} with the same ruleset give the same decisions (score, outcome,
 * reasons, version) on the same transactions, and none on the others.
 */
class CardReplayProperties {

    @Provide
    Arbitrary<List<Shape>> batches() {
        return HostileInputs.shapeLists(true);
    }

    @Property(tries = 25)
    void theReplayDecidesWhatScoringDecidedAgainstTheSameCardStates(@ForAll("batches") List<Shape> shapes,
                                                                     @ForAll long seed) {
        Batch batch = HostileInputs.batch(shapes, seed, FraudTopologyProperties.SUBJECT, FraudTopologyProperties.LIMITS,
                Duration.ofDays(6), false);
        CardProfileUpdater updater = new CardProfileUpdater(FraudTopologyProperties.SETTINGS.cardProfile());
        ActiveRuleSets rules = RepositoryRules.active(FraudScorer.ruleSet(updater), 1, FraudTopologyProperties.CLOCK);

        Map<String, FraudDecision> scored = new LinkedHashMap<>();
        try (TopologyTestDriver driver = FraudTopologyProperties.driver(rules, updater, new SimpleMeterRegistry())) {
            batch.sendTo(driver.createInputTopic(Topics.TRANSACTIONS.name(), Serdes.String().serializer(),
                    Serdes.ByteArray().serializer()));
            driver.createOutputTopic(Topics.FRAUD_DECISIONS.name(), Serdes.String().deserializer(),
                            FraudTopologyProperties.DECISIONS.deserializer()).readValuesToList()
                    .forEach(decision -> scored.put(decision.getTransactionId(), decision));
        }

        CompiledRuleSet ruleSet = rules.current(FraudScorer.RULESET).orElseThrow().ruleSet();
        RuleEvaluator evaluator = new RuleEvaluator(EvaluationLimits.DEFAULTS);
        CardReplay replay = new CardReplay(FraudTopologyProperties.SETTINGS, FraudTopologyProperties.LIMITS);
        Deserializer<Decoded<Transaction>> reader = new DecodingSerde<>(FraudTopologyProperties.TRANSACTIONS,
                Transaction.class).deserializer();
        Map<String, FraudDecision> replayed = new LinkedHashMap<>();
        List<Input> refused = new ArrayList<>();
        List<Input> retries = new ArrayList<>();
        for (Input input : batch.inputs()) {
            Decoded<Transaction> value = reader.deserialize(Topics.TRANSACTIONS.name(), input.headers(), input.value());
            CardReplay.Step step = replay.next(input.key(), value, input.headers(), FraudTopologyProperties.NOW);
            if (step instanceof CardReplay.Refused) {
                refused.add(input);
            } else if (step instanceof CardReplay.Retry) {
                retries.add(input);
            } else if (step instanceof CardReplay.Turn turn) {
                FraudDecision decision = CardReplay.decide(evaluator, ruleSet, turn, FraudTopologyProperties.CLOCK)
                        .decision();
                assertThat(replayed.put(decision.getTransactionId(), decision)).as("decided once").isNull();
            }
        }

        assertThat(replayed.keySet()).as("transactions decided").containsExactlyElementsOf(scored.keySet());
        assertThat(refused).as("refused: the dead letters").isEqualTo(batch.withFate(Fate.DEAD_LETTER));
        assertThat(retries).as("retries").isEqualTo(batch.withFate(Fate.SUPPRESSED));
        replayed.forEach((id, decision) -> {
            FraudDecision live = scored.get(id);
            assertThat(decision.getDecision()).as("decision on " + id).isEqualTo(live.getDecision());
            assertThat(decision.getScore()).as("score of " + id).isEqualTo(live.getScore());
            assertThat(decision.getReasons()).as("reasons of " + id).isEqualTo(live.getReasons());
            assertThat(decision.getRulesetVersion()).isEqualTo(live.getRulesetVersion());
        });
    }
}
