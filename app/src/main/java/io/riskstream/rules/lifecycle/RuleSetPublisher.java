package io.riskstream.rules.lifecycle;

import java.time.Clock;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.riskstream.events.RuleSet;
import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.RuleSetRejectedException;

/**
 * Publishes a ruleset: compiles the files of {@code rules/<name>/}, runs their test cases, and only then
 * writes a {@link RuleSet} record, one version newer than the newest published, signed by this instance's key
 * ({@link RuleSetSignatures}), to {@code rulesets}.
 * Files identical to the newest published version publish nothing. A rejected ruleset is recorded and
 * rethrown; what is active stays active.
 */
final class RuleSetPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSetPublisher.class);

    private final RuleSetLoader loader;
    private final PublishedRuleSets published;
    private final Producer<String, RuleSet> producer;
    private final RuleSetSignatures signatures;
    private final String topic;
    private final RuleSetRejections rejections;
    private final Clock clock;
    private final Duration sendTimeout;

    RuleSetPublisher(RuleSetLoader loader, PublishedRuleSets published, Producer<String, RuleSet> producer,
                     RuleSetSignatures signatures, String topic, RuleSetRejections rejections, Clock clock,
                     Duration sendTimeout) {
        this.loader = loader;
        this.published = published;
        this.producer = producer;
        this.signatures = signatures;
        this.topic = topic;
        this.rejections = rejections;
        this.clock = clock;
        this.sendTimeout = sendTimeout;
    }

    /**
     * Publishes the current files of ruleset {@code name} on behalf of {@code by}.
     *
     * @throws RuleSetRejectedException if they do not compile, are empty or fail a test case
     */
    synchronized RuleSetPublishing.Publication publish(String name, String by) {
        long next = published.newestVersion(name) + 1;
        CompiledRuleSet candidate;
        try {
            candidate = loader.load(name, next);
        } catch (RuleSetRejectedException rejected) {
            rejections.record(rejected, by, clock.instant());
            LOG.warn("Ruleset {} rejected (published by {}), the active version stays: {}", name, by,
                    rejected.getMessage());
            throw rejected;
        }
        if (published.newest(name).filter(newest -> newest.getSha256().equals(candidate.sha256())).isPresent()) {
            return new RuleSetPublishing.Publication(name, next - 1, candidate.sha256(), false);
        }
        RuleSet record = RuleSet.newBuilder().setName(name).setVersion(next).setSha256(candidate.sha256())
                .setFiles(candidate.files()).setPublishedAt(clock.instant()).setPublishedBy(by).build();
        send(record);
        published.seen(record);
        LOG.info("Ruleset {} version {} published by {} (sha256 {})", name, next, by, candidate.sha256());
        return new RuleSetPublishing.Publication(name, next, candidate.sha256(), true);
    }

    /** Whether ruleset {@code name} has a directory of files: a shadow without one is off. */
    boolean hasFiles(String name) {
        return Files.isDirectory(loader.directory().resolve(name));
    }

    /**
     * Publishes shadow {@code name} without files, which turns it off everywhere, unless it is off (or was never
     * published) already.
     */
    synchronized RuleSetPublishing.Publication publishOff(String name, String by) {
        Optional<RuleSet> newest = published.newest(name);
        String none = CompiledRuleSet.sha256Of(Map.of());
        if (newest.isEmpty() || newest.get().getFiles().isEmpty()) {
            return new RuleSetPublishing.Publication(name, published.newestVersion(name), none, false);
        }
        long next = published.newestVersion(name) + 1;
        RuleSet record = RuleSet.newBuilder().setName(name).setVersion(next).setSha256(none).setFiles(Map.of())
                .setPublishedAt(clock.instant()).setPublishedBy(by).build();
        send(record);
        published.seen(record);
        LOG.info("Shadow ruleset {} turned off by {} (version {})", name, by, next);
        return new RuleSetPublishing.Publication(name, next, none, true);
    }

    /** Writes {@code record} as it is: a version published before, carried over from the legacy topic. */
    synchronized void copy(RuleSet record) {
        send(record);
        published.seen(record);
    }

    /** Signs {@code record} and writes it: no instance obeys an unsigned one. */
    private void send(RuleSet record) {
        ProducerRecord<String, RuleSet> signed = new ProducerRecord<>(topic, record.getName(), record);
        signatures.sign(record, signed.headers());
        try {
            producer.send(signed).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish ruleset " + record.getName() + " version "
                    + record.getVersion() + " to " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing ruleset " + record.getName(), e);
        }
    }
}
