package io.riskstream.fraud.backtest;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.riskstream.fraud.CardReplay;
import io.riskstream.fraud.FraudSettings;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.KafkaClients;
import io.riskstream.platform.Topics;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.lifecycle.ActiveRuleSets;
import io.riskstream.rules.lifecycle.PublishedRuleSets;

/** Backtests of fraud rulesets on {@code transactions}: {@code /api/rules/backtest}. */
@Configuration(proxyBeanMethods = false)
class BacktestConfig {

    @Bean(destroyMethod = "close")
    BacktestJobs backtestJobs(RuleSetCompiler compiler, PublishedRuleSets published, ActiveRuleSets active,
                              RuleEvaluator evaluator, KafkaClients clients, AvroSerdes serdes,
                              FraudSettings fraud, InputLimits limits, BacktestSettings settings, Clock clock) {
        Map<String, Object> config = clients.consumer();
        // As scoring reads: what an aborted transaction wrote was never decided.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new BacktestJobs(compiler, published, active, () -> {
            Map<String, Object> own = new HashMap<>(config);
            own.put(ConsumerConfig.CLIENT_ID_CONFIG, "riskstream-backtest-" + UUID.randomUUID());
            KafkaTransactionLog log = new KafkaTransactionLog(
                    new KafkaConsumer<>(own, new StringDeserializer(), new ByteArrayDeserializer()),
                    serdes.decoding(Topics.TRANSACTIONS).deserializer(),
                    serdes.of(Topics.FRAUD_DECISIONS).deserializer(), settings.maxRecordsPerSecond(),
                    settings.stall());
            return new Backtest(log, () -> new CardReplay(fraud, limits), evaluator, clock);
        }, settings, clock);
    }
}
