package io.riskstream.fraud;

import java.time.Clock;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.Transaction;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.Topics;
import io.riskstream.rules.engine.DeclaredRuleSet;
import io.riskstream.rules.lifecycle.ActiveRuleSets;

/** The scoring stream: {@code scoreTransactions}, bound to {@code transactions} → {@code fraud-decisions}. */
@Configuration(proxyBeanMethods = false)
class FraudConfig {

    @Bean
    CardProfileUpdater cardProfileUpdater(FraudSettings settings) {
        return new CardProfileUpdater(settings.cardProfile());
    }

    @Bean
    DeclaredRuleSet<ScoredDecision> fraudRuleSet(CardProfileUpdater updater) {
        return FraudScorer.ruleSet(updater);
    }

    @Bean
    DeclaredRuleSet<ScoredDecision> fraudShadowRuleSet(CardProfileUpdater updater) {
        return FraudScorer.shadowRuleSet(updater);
    }

    @Bean
    FraudScorer fraudScorer(ActiveRuleSets rules, Clock clock) {
        return new FraudScorer(rules, clock);
    }

    /** The binder picks input and output serdes by type from these beans. */
    @Bean
    Serde<Decoded<Transaction>> transactionInputSerde(AvroSerdes serdes) {
        return serdes.decoding(Topics.TRANSACTIONS);
    }

    @Bean
    Serde<FraudDecision> fraudDecisionSerde(AvroSerdes serdes) {
        return serdes.of(Topics.FRAUD_DECISIONS);
    }

    @Bean
    Function<KStream<String, Decoded<Transaction>>, KStream<String, FraudDecision>> scoreTransactions(
            FraudSettings settings, FraudScorer scorer, CardProfileUpdater updater,
            Serde<FraudDecision> decisionSerde, InputLimits limits, MeterRegistry meters) {
        return transactions -> FraudTopology.build(transactions, settings, scorer, updater, decisionSerde, limits, meters);
    }
}
