package io.riskstream.fraud;

import java.time.Duration;
import java.util.Set;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.Transaction;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.Topics;

/**
 * {@code transactions} → {@code fraud-decisions} (returned) and {@code fraud-alerts} (every decision that
 * is not APPROVE), with bad records to {@code transactions.dlq}, and, while a shadow ruleset is active, its
 * decisions to {@code fraud-decisions-shadow}. A pure function of its arguments: the
 * Spring function bean and the TopologyTestDriver tests build the same topology.
 */
public final class FraudTopology {

    public static final String CARD_PROFILES_STORE = "card-profiles";
    public static final String SEEN_TRANSACTIONS_STORE = "seen-transactions";
    static final String APPROVE = "APPROVE";

    private FraudTopology() {
    }

    public static KStream<String, FraudDecision> build(KStream<String, Decoded<Transaction>> transactions,
                                                       FraudSettings settings, FraudScorer scorer,
                                                       CardProfileUpdater updater,
                                                       Serde<FraudDecision> decisionSerde, InputLimits limits,
                                                       MeterRegistry meters) {
        KStream<String, ScoreProcessor.Scored> scored = DeadLetters
                .route(transactions, Topics.TRANSACTIONS, new TransactionValidator(settings.maxAmountMinor()), limits,
                        meters)
                .process(new ScoreSupplier(settings, scorer, updater, meters), Named.as("score"));
        KStream<String, FraudDecision> decisions = scored.mapValues(ScoreProcessor.Scored::live, Named.as("live"));
        decisions.filter((cardId, decision) -> !APPROVE.equals(decision.getDecision()), Named.as("not-approved"))
                .to(Topics.FRAUD_ALERTS.name(), Produced.with(Serdes.String(), decisionSerde).withName("alerts"));
        // The shadow's decisions go to their own topic and never to alerts: they decide nothing.
        scored.filter((cardId, both) -> both.shadow() != null, Named.as("shadowed"))
                .mapValues(ScoreProcessor.Scored::shadow, Named.as("shadow"))
                .to(Topics.FRAUD_DECISIONS_SHADOW.name(), Produced.with(Serdes.String(), decisionSerde)
                        .withName("shadow-decisions"));
        return decisions;
    }

    /** Supplies the scoring processor together with the stores it owns, so that any builder connects them. */
    private record ScoreSupplier(FraudSettings settings, FraudScorer scorer, CardProfileUpdater updater,
                                 MeterRegistry meters)
            implements ProcessorSupplier<String, Transaction, String, ScoreProcessor.Scored> {

        @Override
        public Processor<String, Transaction, String, ScoreProcessor.Scored> get() {
            return new ScoreProcessor(settings, scorer, updater, meters);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            StoreBuilder<KeyValueStore<String, CardProfile>> profiles = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(CARD_PROFILES_STORE), Serdes.String(),
                    new CardProfileSerde(settings.cardStateVersion()));
            Duration horizon = settings.duplicateHorizon();
            // The ids a busy card pushed out of its own state (RetryCheck), each in a window as wide as the horizon,
            // so a retry whose event time is within the horizon of the original finds it, and segments older than
            // the horizon are dropped. Builds before #12 kept every id here; their ids age out the same way.
            StoreBuilder<WindowStore<String, Long>> seen = Stores.windowStoreBuilder(
                    Stores.persistentWindowStore(SEEN_TRANSACTIONS_STORE, horizon, horizon, false),
                    Serdes.String(), Serdes.Long());
            return Set.of(profiles, seen);
        }
    }
}
