package io.riskstream.rules.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import io.riskstream.platform.KafkaClients;
import io.riskstream.platform.Topics;
import io.riskstream.rules.engine.DeclaredRuleSet;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.RuleSetTestCases;

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
    RuleSetTestCases ruleSetTestCases(RuleSetCompiler compiler, RuleEvaluator evaluator,
                                      List<DeclaredRuleSet<?>> rulesets) {
        return new RuleSetTestCases(compiler, evaluator, rulesets);
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
    Producer<String, RuleSet> ruleSetProducer(KafkaClients clients, AvroSerdes serdes) {
        Map<String, Object> config = clients.producer();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "riskstream-rules-publisher-" + UUID.randomUUID());
        Serde<RuleSet> values = serdes.of(Topics.RULESETS);
        return new KafkaProducer<>(config, new StringSerializer(), values.serializer());
    }

    @Bean
    RuleSetPublisher ruleSetPublisher(RulesSettings settings, RuleSetCompiler compiler, RuleSetTestCases testCases,
                                      PublishedRuleSets published, Producer<String, RuleSet> producer,
                                      RuleSetSignatures signatures, RuleSetRejections rejections, Clock clock) {
        return new RuleSetPublisher(new RuleSetLoader(settings.directoryPath(), compiler, testCases), published,
                producer, signatures, Topics.RULESETS.name(), rejections, clock, settings.publishTimeout());
    }

    /** The keys of {@code riskstream.rules.signing}: a key that cannot be read fails the start, naming it. */
    @Bean
    RuleSetSignatures ruleSetSignatures(RulesSettings settings) throws IOException {
        RulesSettings.Signing signing = settings.signing();
        String keyId = blankToNull(signing.keyId());
        String privateKey = blankToNull(signing.privateKey());
        String file = blankToNull(signing.privateKeyFile());
        if (privateKey == null && file != null) {
            privateKey = Files.readString(Path.of(file));
        }
        return new RuleSetSignatures(RuleSetSignatures.publicKeys(signing.trustedKeys()), keyId,
                privateKey == null ? null : RuleSetSignatures.privateKey(privateKey));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Every declared ruleset is active before any stream starts: see {@link RuleSetDistribution#PHASE}. */
    @Bean
    RuleSetDistribution ruleSetDistribution(KafkaClients clients, AvroSerdes serdes,
                                            RuleSetCompiler compiler, ActiveRuleSets active,
                                            PublishedRuleSets published, RuleSetRejections rejections,
                                            RuleSetPublisher publisher, RuleSetSignatures signatures,
                                            RuleMetrics metrics, List<DeclaredRuleSet<?>> rulesets,
                                            RulesSettings settings, Clock clock) {
        Map<String, Object> config = clients.consumer();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Asking for the legacy topic, which may be gone, must not create it.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
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
        LegacyTopicMigration migration = new LegacyTopicMigration(consumers, settings.legacyTopic(), compiler,
                publisher, published, settings.catchUpTimeout(), clock);
        return new RuleSetDistribution(consumers, serdes.of(Topics.RULESETS).deserializer(),
                Topics.RULESETS.name(), compiler, active, published, rejections, publisher, migration, signatures,
                metrics,
                names(rulesets), shadows(rulesets), settings.catchUpTimeout(), RuleSetDistribution.Backoff.DEFAULT,
                clock);
    }

    @Bean
    RuleSetPublishing ruleSetPublishing(RuleSetPublisher publisher, ActiveRuleSets active,
                                        List<DeclaredRuleSet<?>> rulesets, RulesSettings settings, Clock clock) {
        return new RuleSetPublishing(publisher, active, names(rulesets), shadows(rulesets), settings.publishTimeout(),
                clock);
    }

    @Bean
    @ConditionalOnProperty(name = "riskstream.rules.watch", havingValue = "true")
    RulesDirectoryWatcher rulesDirectoryWatcher(RulesSettings settings, RuleSetPublishing publishing) {
        return new RulesDirectoryWatcher(settings.directoryPath(), publishing.names(), settings.watchQuietPeriod(),
                name -> publishing.publish(name, WATCHER));
    }

    private static List<String> names(List<DeclaredRuleSet<?>> rulesets) {
        return rulesets.stream().map(DeclaredRuleSet::name).sorted().toList();
    }

    private static Set<String> shadows(List<DeclaredRuleSet<?>> rulesets) {
        return rulesets.stream().filter(DeclaredRuleSet::isShadow).map(DeclaredRuleSet::name)
                .collect(Collectors.toUnmodifiableSet());
    }
}
