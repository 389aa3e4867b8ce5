package io.riskstream.rules.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.riskstream.events.RuleSet;
import io.riskstream.rules.engine.RuleSetCompiler;

/**
 * Carries rulesets over from the topic they were published to before it was named for what it holds
 * ({@code fraud-rules}, now {@code rulesets}). At start, for each declared ruleset of which {@code rulesets} has no
 * version, the newest version on the legacy topic is copied as it is (same version, sha256, files, author and
 * time), so decisions keep the version they carried, once it compiles here and its sha256 matches, as the
 * follower would check it. A version that does not compile here (written against an API this version changed) is
 * not copied; it is reserved instead, so the rules directory is published as the next version and no version
 * number ever names two contents.
 *
 * <p>Two instances starting at once may both copy: the copies are the same record, and the follower ignores a
 * version not newer than the active one, so the second is harmless (compaction drops it). A name that has a version
 * on {@code rulesets} is never copied again, so a start after the migration reads nothing of the legacy topic.
 */
final class LegacyTopicMigration {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyTopicMigration.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Supplier<? extends Consumer<String, byte[]>> consumers;
    private final String legacyTopic;
    private final RuleSetCompiler compiler;
    private final RuleSetPublisher publisher;
    private final PublishedRuleSets published;
    private final Duration timeout;
    private final Clock clock;

    /** @param legacyTopic the topic to carry rulesets over from; blank for none */
    LegacyTopicMigration(Supplier<? extends Consumer<String, byte[]>> consumers, String legacyTopic,
                         RuleSetCompiler compiler, RuleSetPublisher publisher, PublishedRuleSets published,
                         Duration timeout, Clock clock) {
        this.consumers = consumers;
        this.legacyTopic = legacyTopic;
        this.compiler = compiler;
        this.publisher = publisher;
        this.published = published;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * Carries over the newest legacy version of each of {@code unpublished}, or reserves its version.
     *
     * @param read what the follower makes of a record: the usable ruleset it holds, if any
     */
    void migrate(Collection<String> unpublished, Function<ConsumerRecord<String, byte[]>, Optional<RuleSet>> read) {
        if (legacyTopic.isBlank() || unpublished.isEmpty()) {
            return;
        }
        for (RuleSet legacy : newest(unpublished, read)) {
            String name = legacy.getName();
            Optional<String> problem = problemCompiling(legacy);
            if (problem.isEmpty()) {
                publisher.copy(legacy);
                LOG.info("Ruleset {} version {} (sha256 {}) carried over from {}", name, legacy.getVersion(),
                        legacy.getSha256(), legacyTopic);
            } else {
                published.reserve(name, legacy.getVersion());
                LOG.warn("Ruleset {} version {} on {} is not carried over, it does not compile here: {}; the rules "
                        + "directory is published as version {}", name, legacy.getVersion(), legacyTopic,
                        problem.get(), legacy.getVersion() + 1);
            }
        }
    }

    /** The newest version on the legacy topic of each of {@code names}; none if the topic does not exist. */
    private List<RuleSet> newest(Collection<String> names,
                                 Function<ConsumerRecord<String, byte[]>, Optional<RuleSet>> read) {
        try (Consumer<String, byte[]> reader = consumers.get()) {
            List<PartitionInfo> infos = reader.partitionsFor(legacyTopic, timeout);
            if (infos == null || infos.isEmpty()) {
                return List.of(); // deleted, or never there: nothing to carry over
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(legacyTopic, info.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions, timeout);
            Instant deadline = clock.instant().plus(timeout);
            Map<String, RuleSet> newest = new HashMap<>();
            while (partitions.stream().anyMatch(tp -> reader.position(tp) < ends.get(tp))) {
                if (clock.instant().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + legacyTopic + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    read.apply(record).filter(ruleSet -> names.contains(ruleSet.getName()))
                            .ifPresent(ruleSet -> newest.merge(ruleSet.getName(), ruleSet,
                                    (old, candidate) -> candidate.getVersion() > old.getVersion() ? candidate : old));
                }
            }
            return newest.values().stream().sorted(Comparator.comparing(RuleSet::getName)).toList();
        }
    }

    private Optional<String> problemCompiling(RuleSet legacy) {
        try {
            RuleSetDistribution.compile(compiler, legacy);
            return Optional.empty();
        } catch (Exception | LinkageError | StackOverflowError e) {
            return Optional.of(e.getMessage());
        }
    }
}
