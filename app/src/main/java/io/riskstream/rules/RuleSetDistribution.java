package io.riskstream.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.riskstream.events.RuleSet;

/**
 * Every instance follows {@code fraud-rules}, the source of truth, from its beginning: each newer version
 * is compiled here and swapped in atomically; one that cannot be compiled here is recorded as rejected and
 * the active version stays. At start it reads the topic to its end before any stream starts, so an
 * instance that starts later takes the newest published version; a ruleset never published is published
 * from the rules directory first.
 */
public final class RuleSetDistribution implements SmartLifecycle {

    /** Before the Kafka Streams binder starts the streams (its phase is {@code Integer.MAX_VALUE - 1025}). */
    static final int PHASE = Integer.MAX_VALUE - 2000;
    static final String STARTUP = "startup";
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetDistribution.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<String, RuleSet> consumer;
    private final String topic;
    private final RuleSetCompiler compiler;
    private final ActiveRuleSets active;
    private final PublishedRuleSets published;
    private final RuleSetRejections rejections;
    private final RuleSetPublisher publisher;
    private final List<String> names;
    private final Duration catchUpTimeout;
    private final Clock clock;
    private volatile boolean running;
    private Thread follower;

    public RuleSetDistribution(Consumer<String, RuleSet> consumer, String topic, RuleSetCompiler compiler,
                               ActiveRuleSets active, PublishedRuleSets published, RuleSetRejections rejections,
                               RuleSetPublisher publisher, List<String> names, Duration catchUpTimeout, Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.compiler = compiler;
        this.active = active;
        this.published = published;
        this.rejections = rejections;
        this.publisher = publisher;
        this.names = List.copyOf(names);
        this.catchUpTimeout = catchUpTimeout;
        this.clock = clock;
    }

    @Override
    public void start() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, catchUpTimeout).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        catchUp(partitions);
        for (String name : names) {
            if (published.newest(name).isEmpty()) {
                publisher.publish(name, STARTUP);
            }
        }
        catchUp(partitions);
        for (String name : names) {
            if (active.current(name).isEmpty()) {
                throw new IllegalStateException("ruleset '" + name + "' version " + published.newestVersion(name)
                        + " cannot be activated here: " + rejections.last(name).map(Object::toString).orElse(""));
            }
        }
        running = true;
        follower = new Thread(this::follow, "ruleset-distribution");
        follower.setDaemon(true);
        follower.start();
    }

    private void catchUp(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, catchUpTimeout);
        Instant deadline = clock.instant().plus(catchUpTimeout);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("could not read " + topic + " to its end within " + catchUpTimeout);
            }
            consumer.poll(POLL).forEach(this::apply);
        }
    }

    private void follow() {
        try {
            while (running) {
                consumer.poll(POLL).forEach(this::apply);
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up
        } catch (RuntimeException e) {
            LOG.error("Following {} failed; rulesets stay as they are until restart", topic, e);
        } finally {
            consumer.close();
        }
    }

    void apply(ConsumerRecord<String, RuleSet> record) {
        RuleSet ruleSet = record.value();
        if (ruleSet == null) {
            return;
        }
        published.seen(ruleSet);
        long activeVersion = active.current(ruleSet.getName()).map(a -> a.ruleSet().version()).orElse(0L);
        if (ruleSet.getVersion() <= activeVersion) {
            return;
        }
        String source = topic + " offset " + record.offset();
        try {
            CompiledRuleSet compiled = compiler.compile(ruleSet.getName(), ruleSet.getVersion(), ruleSet.getFiles());
            if (!compiled.sha256().equals(ruleSet.getSha256())) {
                throw new RuleSetRejectedException(ruleSet.getName(), List.of("sha256 " + compiled.sha256()
                        + " of the files differs from the record's " + ruleSet.getSha256()));
            }
            active.activate(compiled);
            LOG.info("Ruleset {} version {} active (published by {} at {})", ruleSet.getName(),
                    ruleSet.getVersion(), ruleSet.getPublishedBy(), ruleSet.getPublishedAt());
        } catch (RuleSetRejectedException rejected) {
            rejections.record(rejected, source, clock.instant());
            LOG.error("Ruleset {} version {} from {} rejected here; version {} stays active: {}",
                    ruleSet.getName(), ruleSet.getVersion(), source, activeVersion, rejected.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (follower != null) {
            consumer.wakeup();
            try {
                follower.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
