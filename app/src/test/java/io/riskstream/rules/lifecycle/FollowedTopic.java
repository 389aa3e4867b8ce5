package io.riskstream.rules.lifecycle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;

import io.apicurio.registry.rest.client.exception.RestClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.RuleSet;
import io.riskstream.platform.TestSigning;
import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleObserver;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.RuleSetTestCases;
import io.riskstream.rules.engine.TestDrl;

/**
 * {@code rulesets} for a {@link RuleSetDistribution} under test: a log of records that consumers read as a
 * broker serves them (every record stays, a seek back reads it again), and a stand-in for the registry's
 * deserializer that decodes each payload as the test says: to a value, or by throwing what the real one would.
 */
public final class FollowedTopic {

    public static final String TOPIC = "rulesets";
    public static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    /** The follower's backoff, a fraction of the real one so that retries happen within a test. */
    public static final RuleSetDistribution.Backoff FAST =
            new RuleSetDistribution.Backoff(Duration.ofMillis(10), Duration.ofMillis(50));

    private final List<ConsumerRecord<String, byte[]>> log = new CopyOnWriteArrayList<>();
    private final Map<String, Supplier<Object>> decodings = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> decoded = new ConcurrentHashMap<>();
    private final List<LogConsumer> opened = new CopyOnWriteArrayList<>();
    /** Whether a consumer can be opened: false is a broker that cannot be reached. */
    public final AtomicBoolean brokerReachable = new AtomicBoolean(true);

    public final MeterRegistry meters = new SimpleMeterRegistry();
    /** Every compilation's ruleset and whether it was accepted, in the order they ended. */
    public final List<String> compilations = new CopyOnWriteArrayList<>();
    public final RuleSetCompiler compiler = new RuleSetCompiler(new RuleObserver() {
        @Override
        public void compiled(String ruleset, long nanos, boolean accepted) {
            compilations.add(ruleset + (accepted ? "" : " rejected"));
        }
    });
    public final ActiveRuleSets active =
            new ActiveRuleSets(new RuleEvaluator(EvaluationLimits.DEFAULTS), Clock.systemUTC());
    public final PublishedRuleSets published = new PublishedRuleSets();
    /** What the instance trusts and signs with: the tests' key. */
    public final RuleSetSignatures signatures = TestSigning.signatures();
    public final RuleSetRejections rejections = new RuleSetRejections();

    /** A distribution of the declared rulesets {@code names}, following this topic. */
    public RuleSetDistribution distribution(List<String> names, Duration catchUpTimeout) {
        return distribution(names, java.util.Set.of(), catchUpTimeout);
    }

    /** The same, with {@code shadows} among the names. */
    public RuleSetDistribution distribution(List<String> names, java.util.Set<String> shadows,
                                            Duration catchUpTimeout) {
        // Every test publishes each declared ruleset itself: this publisher would reject, having no files.
        RuleSetPublisher publisher = new RuleSetPublisher(new RuleSetLoader(Path.of("no-rules-here"), compiler,
                new RuleSetTestCases(compiler, new RuleEvaluator(EvaluationLimits.DEFAULTS), List.of())),
                published, new MockProducer<>(), signatures, TOPIC, rejections, Clock.systemUTC(), Duration.ofSeconds(1));
        Deserializer<Object> values = (topic, bytes) -> {
            String payload = new String(bytes, StandardCharsets.UTF_8);
            decoded.computeIfAbsent(payload, p -> new AtomicInteger()).incrementAndGet();
            return decodings.get(payload).get();
        };
        // No legacy topic: LegacyTopicMigrationIT carries rulesets over on a real broker.
        LegacyTopicMigration none = new LegacyTopicMigration(this::open, "", compiler, publisher, published,
                catchUpTimeout, Clock.systemUTC());
        return new RuleSetDistribution(this::open, values, TOPIC, compiler, active, published, rejections, publisher,
                none, signatures, new RuleMetrics(meters), names, shadows, catchUpTimeout, FAST, Clock.systemUTC());
    }

    private LogConsumer open() {
        if (!brokerReachable.get()) {
            throw new KafkaException("test: no broker reachable");
        }
        LogConsumer consumer = new LogConsumer(log);
        opened.add(consumer);
        return consumer;
    }

    /** The consumer the follower reads with now. */
    public LogConsumer current() {
        return opened.get(opened.size() - 1);
    }

    public int consumersOpened() {
        return opened.size();
    }

    /** Appends a record whose value decodes as {@code decoding} says; returns its offset. */
    public long append(String key, String payload, Supplier<Object> decoding) {
        return append(key, payload, decoding, new RecordHeaders());
    }

    /**
     * Appends a record signed as the publisher signs {@code signedFor}, whose value decodes as {@code decoding} says
     * (to {@code signedFor} in the end, when the registry answers).
     */
    public long append(RuleSet signedFor, String payload, Supplier<Object> decoding) {
        Headers headers = new RecordHeaders();
        signatures.sign(signedFor, headers);
        return append(signedFor.getName(), payload, decoding, headers);
    }

    private long append(String key, String payload, Supplier<Object> decoding, Headers headers) {
        decodings.put(payload, decoding);
        return append(key, payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Appends {@code ruleSet} as a publisher with the tests' key writes it. */
    public long append(RuleSet ruleSet) {
        return appendSignedBy(signatures, ruleSet);
    }

    /** Appends {@code ruleSet} signed with the key of {@code by}. */
    public long appendSignedBy(RuleSetSignatures by, RuleSet ruleSet) {
        Headers headers = new RecordHeaders();
        by.sign(ruleSet, headers);
        return append(ruleSet, headers);
    }

    /** Appends {@code ruleSet} with these headers only: none for an unsigned record. */
    public long append(RuleSet ruleSet, Headers headers) {
        return append(ruleSet.getName(), "ruleset " + ruleSet.getName() + " v" + ruleSet.getVersion()
                + " #" + log.size(), () -> ruleSet, headers);
    }

    public long tombstone(String key) {
        return append(key, null, new RecordHeaders());
    }

    private synchronized long append(String key, byte[] value, Headers headers) {
        long offset = log.size();
        log.add(new ConsumerRecord<>(TOPIC, PARTITION.partition(), offset, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value,
                headers, Optional.empty()));
        return offset;
    }

    public ConsumerRecord<String, byte[]> record(long offset) {
        return log.get((int) offset);
    }

    /** How often the payload of the record at {@code offset} was decoded. */
    public int decodings(long offset) {
        AtomicInteger count = decoded.get(new String(record(offset).value(), StandardCharsets.UTF_8));
        return count == null ? 0 : count.get();
    }

    public double unreadable(String reason) {
        return meters.counter(RuleMetrics.UNREADABLE, "reason", reason).count();
    }

    /** Published versions of {@code ruleset} the follower could not activate; the counter exists from the start. */
    public double rejectedVersions(String ruleset) {
        return meters.get(RuleMetrics.REJECTED).tag("ruleset", ruleset).counter().count();
    }

    public long activeVersion(String name) {
        return active.current(name).map(a -> a.ruleSet().version()).orElse(0L);
    }

    public static RuleSet ruleSet(String name, long version, String drl) {
        Map<String, String> files = Map.of("scoring.drl", drl);
        return RuleSet.newBuilder().setName(name).setVersion(version).setSha256(CompiledRuleSet.sha256Of(files))
                .setFiles(files).setPublishedAt(Instant.parse("2026-01-01T00:00:00Z")).setPublishedBy("test")
                .build();
    }

    public static RuleSet ruleSet(String name, long version) {
        return ruleSet(name, version, TestDrl.rule("rule-v" + version, "String()"));
    }

    /** What the registry's client throws when it cannot connect (Apicurio names the client-side exception). */
    public static RestClientException registryUnreachable() {
        io.apicurio.registry.rest.v2.beans.Error error = new io.apicurio.registry.rest.v2.beans.Error();
        error.setName("ConnectException");
        error.setMessage("Connection refused");
        return new RestClientException(error);
    }

    /** Decodes to {@code value} after failing {@code failures} times as if the registry were away. */
    public static Supplier<Object> afterTransientFailures(int failures, Object value) {
        AtomicInteger attempts = new AtomicInteger();
        return () -> {
            if (attempts.incrementAndGet() <= failures) {
                throw registryUnreachable();
            }
            return value;
        };
    }

    /**
     * A consumer of the log as a broker serves it: each poll offers every record again, and the consumer's
     * position decides which it returns, so a seek back reads a record again. An empty poll waits a little,
     * as a broker's does, rather than spinning.
     */
    public static final class LogConsumer extends MockConsumer<String, byte[]> {

        private final List<ConsumerRecord<String, byte[]>> log;

        LogConsumer(List<ConsumerRecord<String, byte[]>> log) {
            super("earliest");
            this.log = log;
            updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
            updateBeginningOffsets(Map.of(PARTITION, 0L));
        }

        @Override
        public ConsumerRecords<String, byte[]> poll(Duration timeout) {
            synchronized (this) {
                if (assignment().contains(PARTITION)) {
                    log.forEach(this::addRecord);
                }
            }
            ConsumerRecords<String, byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return records;
        }

        @Override
        public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
            updateEndOffsets(Map.of(PARTITION, (long) log.size()));
            return super.endOffsets(partitions);
        }
    }
}
