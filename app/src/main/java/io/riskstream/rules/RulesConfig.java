package io.riskstream.rules;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.RuleSet;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.RiskstreamProperties;
import io.riskstream.platform.Topics;

/** The rules engine, and the lifecycle of every ruleset a capability declares: publish, distribute, swap. */
@Configuration(proxyBeanMethods = false)
class RulesConfig {

    /** Who publishes a change found on disk. */
    static final String WATCHER = "file-watcher";

    @Bean
    RuleSetCompiler ruleSetCompiler(RuleMetrics metrics) {
        return new RuleSetCompiler(metrics);
    }

    @Bean
    RuleEvaluator ruleEvaluator(RulesSettings settings) {
        return new RuleEvaluator(new EvaluationLimits(settings.maxFirings(), settings.maxReasons()));
    }

    @Bean
    RuleSetTestCases ruleSetTestCases(RuleSetCompiler compiler, RuleEvaluator evaluator, List<RuleSetFacts> rulesets) {
        return new RuleSetTestCases(compiler, evaluator, factsByName(rulesets));
    }

    @Bean
    RulesDryRun rulesDryRun(RuleSetCompiler compiler, RuleEvaluator evaluator, List<RuleSetFacts> rulesets) {
        return new RulesDryRun(compiler, evaluator, factsByName(rulesets));
    }

    @Bean
    RuleMetrics ruleMetrics(MeterRegistry meters) {
        return new RuleMetrics(meters);
    }

    @Bean
    ActiveRuleSets activeRuleSets(RuleEvaluator evaluator, Clock clock, RuleMetrics metrics) {
        return new ActiveRuleSets(evaluator, clock, metrics);
    }

    @Bean
    PublishedRuleSets publishedRuleSets() {
        return new PublishedRuleSets();
    }

    @Bean
    RuleSetRejections ruleSetRejections() {
        return new RuleSetRejections();
    }

    @Bean(destroyMethod = "close")
    Producer<String, RuleSet> ruleSetProducer(RiskstreamProperties properties, AvroSerdes serdes) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "riskstream-rules-publisher-" + UUID.randomUUID());
        Serde<RuleSet> values = serdes.of(Topics.FRAUD_RULES);
        return new KafkaProducer<>(config, new StringSerializer(), values.serializer());
    }

    @Bean
    RuleSetPublisher ruleSetPublisher(RulesSettings settings, RuleSetCompiler compiler, RuleSetTestCases testCases,
                                      PublishedRuleSets published, Producer<String, RuleSet> producer,
                                      RuleSetRejections rejections, Clock clock) {
        return new RuleSetPublisher(new RuleSetLoader(settings.directoryPath(), compiler, testCases), published,
                producer, Topics.FRAUD_RULES.name(), rejections, clock, settings.publishTimeout());
    }

    /** Every declared ruleset is active before any stream starts: see {@link RuleSetDistribution#PHASE}. */
    @Bean
    RuleSetDistribution ruleSetDistribution(RiskstreamProperties properties, AvroSerdes serdes,
                                            RuleSetCompiler compiler, ActiveRuleSets active,
                                            PublishedRuleSets published, RuleSetRejections rejections,
                                            RuleSetPublisher publisher, RuleMetrics metrics,
                                            List<RuleSetFacts> rulesets, RulesSettings settings, Clock clock) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A position that retention removed goes on from the oldest record left, never from the end: that would
        // pass over every version in between.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Raw bytes: the follower decodes each record itself, so that one it cannot read is skipped instead of
        // failing every poll (and every start) for as long as the record stays on the topic.
        Supplier<Consumer<String, byte[]>> consumers = () -> {
            Map<String, Object> own = new HashMap<>(config);
            own.put(ConsumerConfig.CLIENT_ID_CONFIG, "riskstream-rules-follower-" + UUID.randomUUID());
            return new KafkaConsumer<>(own, new StringDeserializer(), new ByteArrayDeserializer());
        };
        return new RuleSetDistribution(consumers, serdes.of(Topics.FRAUD_RULES).deserializer(),
                Topics.FRAUD_RULES.name(), compiler, active, published, rejections, publisher, metrics,
                names(rulesets), settings.catchUpTimeout(), RuleSetDistribution.Backoff.DEFAULT, clock);
    }

    /** The {@code rules} component of {@code /actuator/health}. */
    @Bean
    RulesHealthIndicator rulesHealthIndicator(List<RuleSetFacts> rulesets, ActiveRuleSets active,
                                              RuleSetRejections rejections, RuleSetDistribution distribution) {
        return new RulesHealthIndicator(names(rulesets), active, rejections, distribution);
    }

    @Bean
    RulesAdmin rulesAdmin(RuleSetPublisher publisher, ActiveRuleSets active, List<RuleSetFacts> rulesets,
                          RulesSettings settings, Clock clock) {
        return new RulesAdmin(publisher, active, names(rulesets), settings.publishTimeout(), clock);
    }

    @Bean
    @ConditionalOnProperty(name = "riskstream.rules.watch", havingValue = "true")
    RulesDirectoryWatcher rulesDirectoryWatcher(RulesSettings settings, RulesAdmin admin) {
        return new RulesDirectoryWatcher(settings.directoryPath(), admin.names(), settings.watchQuietPeriod(),
                name -> admin.publish(name, WATCHER));
    }

    private static Map<String, CaseFacts> factsByName(List<RuleSetFacts> rulesets) {
        return rulesets.stream().collect(Collectors.toMap(RuleSetFacts::name, RuleSetFacts::caseFacts));
    }

    private static List<String> names(List<RuleSetFacts> rulesets) {
        return rulesets.stream().map(RuleSetFacts::name).sorted().toList();
    }
}
