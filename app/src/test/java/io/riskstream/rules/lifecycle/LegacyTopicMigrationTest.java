package io.riskstream.rules.lifecycle;

import static io.riskstream.rules.lifecycle.FollowedTopic.ruleSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.riskstream.events.RuleSet;
import io.riskstream.platform.TestSigning;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.RuleSetTestCases;

class LegacyTopicMigrationTest {

    private static final String LEGACY = "fraud-rules";
    private static final TopicPartition PARTITION = new TopicPartition(LEGACY, 0);

    private final List<RuleSet> legacy = new ArrayList<>();
    private final AtomicInteger consumersOpened = new AtomicInteger();
    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private final PublishedRuleSets published = new PublishedRuleSets();
    private final MockProducer<String, RuleSet> producer =
            new MockProducer<>(true, null, new StringSerializer(), (topic, ruleSet) -> new byte[0]);
    private final RuleSetPublisher publisher = new RuleSetPublisher(new RuleSetLoader(Path.of("no-rules-here"),
            compiler, new RuleSetTestCases(compiler, new RuleEvaluator(EvaluationLimits.DEFAULTS), List.of())),
            published, producer, TestSigning.signatures(), FollowedTopic.TOPIC, new RuleSetRejections(), Clock.systemUTC(),
            Duration.ofSeconds(1));

    @Test
    void newestLegacyVersionThatCompilesIsCopiedAsItIs() {
        legacy.add(ruleSet("fraud", 2));
        legacy.add(ruleSet("fraud", 3));
        legacy.add(ruleSet("logins", 9));

        migrate(LEGACY, List.of("fraud"));

        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key, ProducerRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FollowedTopic.TOPIC, "fraud", legacy.get(1)));
        assertThat(published.newest("fraud")).contains(legacy.get(1));
        // Legacy records were never signed: the copy is, by the key of the instance that carried it over.
        assertThat(TestSigning.signatures().verify(legacy.get(1), producer.history().get(0).headers()))
                .isEqualTo(RuleSetSignatures.Verdict.TRUSTED);
    }

    @Test
    void legacyVersionThatDoesNotCompileHereIsNotCopiedButItsVersionIsReserved() {
        legacy.add(ruleSet("fraud", 4));
        legacy.add(ruleSet("fraud", 5, "this is not DRL"));

        migrate(LEGACY, List.of("fraud"));

        assertThat(producer.history()).isEmpty();
        assertThat(published.newest("fraud")).isEmpty();
        assertThat(published.newestVersion("fraud")).isEqualTo(5);
    }

    @Test
    void legacyVersionWhoseFilesDoNotMatchItsSha256IsNotCopied() {
        RuleSet good = ruleSet("fraud", 6);
        legacy.add(RuleSet.newBuilder(good).setSha256("0".repeat(64)).build());

        migrate(LEGACY, List.of("fraud"));

        assertThat(producer.history()).isEmpty();
        assertThat(published.newestVersion("fraud")).isEqualTo(6);
    }

    @Test
    void nothingIsReadWhenEveryRulesetIsPublishedOrNoLegacyTopicIsSet() {
        legacy.add(ruleSet("fraud", 2));

        migrate(LEGACY, List.of());
        migrate("", List.of("fraud"));

        assertThat(consumersOpened).hasValue(0);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aLegacyTopicThatIsGoneCarriesNothingOver() {
        migrate("deleted-long-ago", List.of("fraud"));

        assertThat(consumersOpened).hasValue(1);
        assertThat(producer.history()).isEmpty();
        assertThat(published.newestVersion("fraud")).isZero();
    }

    private void migrate(String legacyTopic, List<String> unpublished) {
        new LegacyTopicMigration(this::legacyConsumer, legacyTopic, compiler, publisher, published,
                Duration.ofSeconds(5), Clock.systemUTC())
                .migrate(unpublished, record -> Optional.of(legacy.get(Integer.parseInt(new String(record.value())))));
    }

    /** The legacy topic as the previous version left it: record i's payload is "i". */
    private MockConsumer<String, byte[]> legacyConsumer() {
        consumersOpened.incrementAndGet();
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(LEGACY, List.of(new PartitionInfo(LEGACY, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, (long) legacy.size()));
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < legacy.size(); i++) {
                consumer.addRecord(new ConsumerRecord<>(LEGACY, 0, i, legacy.get(i).getName(),
                        String.valueOf(i).getBytes()));
            }
        });
        return consumer;
    }
}
