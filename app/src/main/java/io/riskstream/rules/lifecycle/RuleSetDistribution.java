package io.riskstream.rules.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.apicurio.registry.rest.client.exception.RestClientException;
import io.riskstream.events.RuleSet;
import io.riskstream.platform.TransientFailures;
import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.RuleSetRejectedException;

/**
 * Every instance follows {@code rulesets}, the source of truth, from its beginning: each newer version
 * is compiled here and swapped in atomically; one that cannot be compiled here is recorded as rejected and
 * the active version stays. At start it reads the topic to its end before any stream starts, so an
 * instance that starts later takes the newest published version; a ruleset never published is carried over
 * from the legacy topic ({@link LegacyTopicMigration}) or, failing that, published from the rules directory.
 * That catch-up compiles only what it needs: for each ruleset the newest version that compiles here, trying
 * the versions newest first (the rulesets in parallel), not every version of the topic's years of history one by
 * one, which would make each restart longer with every publication.
 *
 * <p>Nothing on the topic can stop an instance from starting or stop it following: the consumer reads raw
 * bytes and each record is decoded here, so a record that is not a usable {@link RuleSet} (not Avro, an
 * unknown schema, another type, a ruleset nobody declared) is skipped, logged and counted
 * ({@code riskstream.rules.unreadable{reason}}) instead of failing every poll for the topic's whole retention.
 * A failure that says nothing about the record (the registry briefly away) is retried, never skipped: a
 * good version skipped would leave this instance on an older one for good. If following fails anyway, it is
 * restarted with a backoff from where it was; {@link #follower()} says what it is doing, for health.
 */
public final class RuleSetDistribution implements SmartLifecycle {

    /** Before the Kafka Streams binder starts the streams (its phase is {@code Integer.MAX_VALUE - 1025}). */
    static final int PHASE = Integer.MAX_VALUE - 2000;
    static final String STARTUP = "startup";
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetDistribution.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** Why a record of {@code rulesets} was skipped: the {@code reason} tag, a fixed set for alerting. */
    enum Unreadable {
        /** Not Avro, a schema id the registry does not know, bytes that do not fit the schema. */
        UNDECODABLE("undecodable"),
        /** Good Avro of another record type: someone wrote to the wrong topic. */
        WRONG_TYPE("wrong-type"),
        /** A ruleset no capability of this app declares: a typo, or another deployment's ruleset. */
        UNDECLARED("undeclared"),
        /** A ruleset without a name or with a version below 1. */
        INVALID("invalid"),
        /** A ruleset with no signature: written straight to the topic, or by a build before signing. */
        UNSIGNED("unsigned"),
        /** Signed with a key this instance does not trust. */
        UNTRUSTED_KEY("untrusted-key"),
        /** A signature that does not match the record (altered after signing), or files that do not match it. */
        BAD_SIGNATURE("bad-signature"),
        /** A signed version older than one already published: an old record written again. */
        REPLAYED("replayed");

        private final String tag;

        Unreadable(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }

    /** Waits that double after each consecutive failure, from {@code initial} up to {@code max}. */
    record Backoff(Duration initial, Duration max) {

        static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

        /** The wait after {@code failures} consecutive failures (1 or more). */
        Duration after(int failures) {
            int doublings = Math.min(Math.max(failures - 1, 0), 30);
            long millis = initial.toMillis() << doublings;
            return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
        }
    }

    /** What the follower thread is doing. */
    public enum FollowerState {
        /** {@link #start()} has not finished: the topic is being read to its end. */
        STARTING,
        FOLLOWING,
        /** A record could not be decoded for a transient reason (the registry away): it is retried. */
        RETRYING,
        /** Following failed: the rulesets stay as they are until it restarts, after a backoff. */
        RESTARTING,
        /** The thread ended for another reason than {@link #stop()}; it does not come back. */
        DEAD,
        STOPPED
    }

    /** Why following failed, and when. */
    public record Failure(Instant at, String reason) {
    }

    /**
     * @param state       what the follower does
     * @param reason      why it is retrying, restarting or dead; null otherwise
     * @param since       when it came to this state
     * @param restarts    how often following failed and was restarted since the start
     * @param lastFailure the last time following failed, remembered after it follows again; null if never
     */
    public record FollowerStatus(FollowerState state, String reason, Instant since, int restarts,
                                 Failure lastFailure) {

        /** Whether the rulesets here no longer follow the topic: a published version would not arrive. */
        public boolean isDown() {
            return state == FollowerState.RESTARTING || state == FollowerState.DEAD;
        }
    }

    /** What one poll's records came to: how many were applied or skipped, and a transient failure if any. */
    private record Progress(int handled, TransientReadFailure failure) {
    }

    /** A record that could not be decoded for a reason that says nothing about it: read it again later. */
    static final class TransientReadFailure extends RuntimeException {

        TransientReadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Supplier<? extends Consumer<String, byte[]>> consumers;
    private final Deserializer<?> values;
    private final String topic;
    private final RuleSetCompiler compiler;
    private final RuleSetSignatures signatures;
    private final ActiveRuleSets active;
    private final PublishedRuleSets published;
    private final RuleSetRejections rejections;
    private final RuleSetPublisher publisher;
    private final LegacyTopicMigration migration;
    private final RuleMetrics metrics;
    private final List<String> names;
    /** The shadows among the names: not required, and turned off by a version without files. */
    private final Set<String> shadows;
    private final Duration catchUpTimeout;
    private final Backoff backoff;
    private final Clock clock;
    private final CountDownLatch stopping = new CountDownLatch(1);
    /** The next offset to apply, per partition: where a restarted follower goes on from. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private volatile FollowerStatus status;
    private List<TopicPartition> partitions = List.of();
    private Thread follower;
    private int restarts;
    private int consecutiveFailures;
    private Failure lastFailure;

    /**
     * @param consumers a new consumer of raw values each time one is needed: at start, and after a failure
     * @param values    the {@link RuleSet} deserializer every record is decoded with
     */
    RuleSetDistribution(Supplier<? extends Consumer<String, byte[]>> consumers, Deserializer<?> values,
                        String topic, RuleSetCompiler compiler, ActiveRuleSets active,
                        PublishedRuleSets published, RuleSetRejections rejections, RuleSetPublisher publisher,
                        LegacyTopicMigration migration, RuleSetSignatures signatures, RuleMetrics metrics,
                        List<String> names, Set<String> shadows, Duration catchUpTimeout, Backoff backoff,
                        Clock clock) {
        this.signatures = signatures;
        this.consumers = consumers;
        this.values = values;
        this.topic = topic;
        this.compiler = compiler;
        this.active = active;
        this.published = published;
        this.rejections = rejections;
        this.publisher = publisher;
        this.migration = migration;
        this.metrics = metrics;
        this.names = List.copyOf(names);
        this.shadows = Set.copyOf(shadows);
        metrics.declared(this.names, active);
        this.catchUpTimeout = catchUpTimeout;
        this.backoff = backoff;
        this.clock = clock;
        this.status = new FollowerStatus(FollowerState.STARTING, null, clock.instant(), 0, null);
    }

    @Override
    public void start() {
        Consumer<String, byte[]> first = consumers.get();
        consumer = first;
        try {
            partitions = first.partitionsFor(topic, catchUpTimeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            first.assign(partitions);
            first.seekToBeginning(partitions);
            catchUp(first);
            migration.migrate(unpublished(), this::read);
            for (String name : unpublished()) {
                publisher.publish(name, STARTUP);
            }
            catchUp(first);
            for (String name : required()) {
                if (active.current(name).isEmpty()) {
                    throw new IllegalStateException("ruleset '" + name + "' version " + published.newestVersion(name)
                            + " cannot be activated here: " + rejections.last(name).map(Object::toString).orElse(""));
                }
            }
            partitions.forEach(tp -> positions.put(tp, first.position(tp)));
        } catch (RuntimeException e) {
            closeQuietly(first);
            closeQuietly(values);
            throw e;
        }
        running = true;
        become(FollowerState.FOLLOWING, null);
        follower = new Thread(this::run, "ruleset-distribution");
        follower.setDaemon(true);
        follower.start();
    }

    /** The rulesets that decide: each must be published and active before any stream starts. */
    private List<String> required() {
        return names.stream().filter(name -> !shadows.contains(name)).toList();
    }

    /**
     * The rulesets never published, which this instance publishes from its own files at start: every one that decides,
     * and a shadow that has a directory of files.
     */
    private List<String> unpublished() {
        return names.stream().filter(name -> published.newest(name).isEmpty())
                .filter(name -> !shadows.contains(name) || publisher.hasFiles(name)).toList();
    }

    /** A version of a shadow without files: the shadow is off from that version on. */
    private boolean turnsOff(RuleSet ruleSet) {
        return shadows.contains(ruleSet.getName()) && ruleSet.getFiles().isEmpty();
    }

    /**
     * Reads to the end offsets of now, retrying transient failures until the catch-up timeout, then activates the
     * newest version of each ruleset that compiles here ({@link #applyNewest}).
     */
    private void catchUp(Consumer<String, byte[]> reader) {
        Map<String, List<Candidate>> read = new LinkedHashMap<>();
        readToEnd(reader, (ruleSet, source) -> {
            published.seen(ruleSet);
            read.computeIfAbsent(ruleSet.getName(), name -> new ArrayList<>()).add(new Candidate(ruleSet, source));
        });
        applyNewest(read);
    }

    private void readToEnd(Consumer<String, byte[]> reader, BiConsumer<RuleSet, String> sink) {
        Map<TopicPartition, Long> ends = reader.endOffsets(partitions, catchUpTimeout);
        Instant deadline = clock.instant().plus(catchUpTimeout);
        int failures = 0;
        TransientReadFailure last = null;
        while (partitions.stream().anyMatch(tp -> reader.position(tp) < ends.get(tp))) {
            Instant now = clock.instant();
            if (now.isAfter(deadline)) {
                throw new IllegalStateException("could not read " + topic + " to its end within " + catchUpTimeout
                        + (last == null ? "" : ": " + last.getMessage()), last);
            }
            TransientReadFailure failure = handle(reader, reader.poll(POLL), sink).failure();
            if (failure == null) {
                failures = 0;
            } else {
                last = failure;
                failures++;
                Duration wait = min(backoff.after(failures), Duration.between(now, deadline));
                LOG.warn("{}; retrying in {} ms", failure.getMessage(), wait.toMillis());
                pause(wait);
            }
        }
    }

    /** The follower thread: follows until {@link #stop()}, restarting with a backoff when following fails. */
    private void run() {
        Consumer<String, byte[]> current = consumer;
        Throwable death = null;
        try {
            while (running) {
                try {
                    if (current == null) {
                        current = reopen();
                    }
                    follow(current);
                } catch (RuntimeException e) {
                    if (!running) {
                        break; // stop() woke the consumer up
                    }
                    closeQuietly(current);
                    current = null;
                    consecutiveFailures++;
                    restarts++;
                    Duration wait = backoff.after(consecutiveFailures);
                    lastFailure = new Failure(clock.instant(), describe(e));
                    become(FollowerState.RESTARTING, lastFailure.reason());
                    LOG.error("Following {} failed; the active rulesets stay as they are, restarting in {} ms",
                            topic, wait.toMillis(), e);
                    pause(wait);
                }
            }
        } catch (Throwable e) {
            death = e;
            throw e;
        } finally {
            closeQuietly(current);
            if (running) {
                // Not stop(): an Error, or an interrupt. Nothing follows the topic any more, and health says so.
                String reason = death == null ? "the thread ended" : describe(death);
                lastFailure = new Failure(clock.instant(), reason);
                become(FollowerState.DEAD, reason);
                LOG.error("Following {} ended: {}; rulesets stay as they are until this instance restarts",
                        topic, reason, death);
            } else {
                become(FollowerState.STOPPED, null);
            }
        }
    }

    /** A new consumer, where the failed one had got to: records already applied are not read again. */
    private Consumer<String, byte[]> reopen() {
        Consumer<String, byte[]> fresh = consumers.get();
        consumer = fresh;
        try {
            fresh.assign(partitions);
            positions.forEach(fresh::seek);
            return fresh;
        } catch (RuntimeException e) {
            closeQuietly(fresh);
            throw e;
        }
    }

    private void follow(Consumer<String, byte[]> reader) {
        while (running) {
            Progress progress = handle(reader, reader.poll(POLL), this::apply);
            TransientReadFailure failure = progress.failure();
            if (failure == null) {
                // An empty poll proves the consumer works again, but not that a record retried can be read now.
                if (progress.handled() > 0) {
                    consecutiveFailures = 0;
                }
                FollowerState state = status.state();
                if (state == FollowerState.RESTARTING || (state == FollowerState.RETRYING && progress.handled() > 0)) {
                    LOG.info("Following {} again", topic);
                    become(FollowerState.FOLLOWING, null);
                }
            } else {
                // Indefinitely: skipping would lose a good version, and the active one keeps deciding meanwhile.
                consecutiveFailures++;
                Duration wait = backoff.after(consecutiveFailures);
                if (status.state() != FollowerState.RETRYING) {
                    become(FollowerState.RETRYING, failure.getMessage());
                }
                LOG.warn("{}; retrying in {} ms", failure.getMessage(), wait.toMillis());
                pause(wait);
            }
        }
    }

    /**
     * Applies the records of one poll in order. A record that fails transiently is not skipped: its partition
     * is sought back to it and the rest of that partition's records wait for the next poll.
     *
     * @return how many records were applied or skipped, and the transient failure if a record failed so
     */
    private Progress handle(Consumer<String, byte[]> reader, ConsumerRecords<String, byte[]> records,
                            BiConsumer<RuleSet, String> sink) {
        int handled = 0;
        TransientReadFailure failure = null;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                try {
                    read(record).flatMap(ruleSet -> admit(record, ruleSet))
                            .ifPresent(ruleSet -> sink.accept(ruleSet, source(record)));
                } catch (TransientReadFailure e) {
                    reader.seek(partition, record.offset());
                    failure = e;
                    break;
                }
                positions.put(partition, record.offset() + 1);
                handled++;
            }
        }
        return new Progress(handled, failure);
    }

    /**
     * The ruleset a record carries, or empty when there is none to apply: a tombstone (skipped quietly, it is
     * compaction's business), or a record that is not a usable ruleset (logged and counted).
     *
     * @throws TransientReadFailure when it could not be decoded for a reason that says nothing about it
     */
    Optional<RuleSet> read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            LOG.debug("Tombstone at {} (key {}) skipped", source(record), record.key());
            return Optional.empty();
        }
        Object value;
        try {
            value = values.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw new TransientReadFailure("Could not decode " + source(record) + " for now: " + describe(e), e);
            }
            return skip(record, Unreadable.UNDECODABLE, describe(e));
        }
        if (value == null) {
            return skip(record, Unreadable.UNDECODABLE, "the value decoded to nothing");
        }
        if (!(value instanceof RuleSet ruleSet)) {
            return skip(record, Unreadable.WRONG_TYPE, "a " + value.getClass().getName() + ", not a RuleSet");
        }
        String name = ruleSet.getName();
        if (name == null || name.isBlank()) {
            return skip(record, Unreadable.INVALID, "a ruleset without a name");
        }
        if (!names.contains(name)) {
            return skip(record, Unreadable.UNDECLARED, "ruleset '" + name + "' is not declared here " + names);
        }
        if (ruleSet.getVersion() <= 0) {
            return skip(record, Unreadable.INVALID, "ruleset '" + name + "' version " + ruleSet.getVersion()
                    + " is not positive");
        }
        return Optional.of(ruleSet);
    }

    /**
     * The ruleset if this instance obeys it: signed by a trusted key as it is, and not older than a version already
     * published (a replay). Anything else is skipped, logged and counted; what is active stays. An unsigned
     * version still reserves its number (the versions of a deployment from before signing), so that the next
     * publication does not take a number it had.
     */
    Optional<RuleSet> admit(ConsumerRecord<String, byte[]> record, RuleSet ruleSet) {
        String name = ruleSet.getName();
        RuleSetSignatures.Verdict verdict = signatures.verify(ruleSet, record.headers());
        String what = "ruleset '" + name + "' version " + ruleSet.getVersion() + " published by '"
                + ruleSet.getPublishedBy() + "'";
        switch (verdict) {
            case TRUSTED -> {
                long newest = published.newest(name).map(RuleSet::getVersion).orElse(0L);
                if (ruleSet.getVersion() < newest) {
                    return skip(record, Unreadable.REPLAYED, what + " is older than version " + newest
                            + ", published before it: refused");
                }
                return Optional.of(ruleSet);
            }
            case UNSIGNED -> {
                published.reserve(name, ruleSet.getVersion());
                return skip(record, Unreadable.UNSIGNED, what + " is not signed: refused, only a signed "
                        + "publication changes the rules");
            }
            case UNTRUSTED_KEY -> {
                return skip(record, Unreadable.UNTRUSTED_KEY, what + " is signed with key '"
                        + RuleSetSignatures.keyIdOf(record.headers()) + "', which this instance does not trust: refused");
            }
            default -> {
                return skip(record, Unreadable.BAD_SIGNATURE, what + " does not match its signature (key '"
                        + RuleSetSignatures.keyIdOf(record.headers()) + "'): refused");
            }
        }
    }

    private Optional<RuleSet> skip(ConsumerRecord<String, byte[]> record, Unreadable reason, String detail) {
        metrics.unreadable(reason);
        LOG.error("Skipped record of {} partition {} offset {} (key {}), {}: {}", record.topic(), record.partition(),
                record.offset(), record.key(), reason.tag(), detail);
        return Optional.empty();
    }

    /** A version to try, and where it was read (for a rejection). */
    private record Candidate(RuleSet ruleSet, String source) {
    }

    /** What trying one ruleset's candidates came to: the version to activate (if any), and the rejected ones. */
    private record Outcome(Candidate chosen, CompiledRuleSet compiled, List<Rejected> rejected) {
    }

    private record Rejected(Candidate candidate, RuleSetRejectedException why, Throwable cause) {
    }

    /**
     * For each ruleset, the newest version that compiles here becomes active: its versions newer than the active
     * one are compiled newest first, and the first that compiles wins. The end state is the one applying them one
     * by one in order would give, but versions superseded by a newer good one are never compiled (nor recorded as
     * rejected). Rulesets are compiled side by side; activating and recording stay on this thread.
     */
    private void applyNewest(Map<String, List<Candidate>> read) {
        if (read.isEmpty()) {
            return;
        }
        Map<String, CompletableFuture<Outcome>> outcomes = new LinkedHashMap<>();
        ExecutorService compiling = Executors.newFixedThreadPool(Math.min(read.size(),
                Math.max(2, Runtime.getRuntime().availableProcessors())), runnable -> {
                    Thread thread = new Thread(runnable, "ruleset-catch-up");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            read.forEach((name, candidates) -> {
                long activeVersion = active.version(name);
                List<Candidate> newestFirst = candidates.stream()
                        .filter(candidate -> candidate.ruleSet().getVersion() > activeVersion)
                        .sorted(Comparator.comparingLong((Candidate c) -> c.ruleSet().getVersion()).reversed())
                        .toList();
                // A shadow turned off after its newest good version stays off: only the versions after it count.
                List<Candidate> afterOff = newestFirst.stream().takeWhile(candidate -> !turnsOff(candidate.ruleSet()))
                        .toList();
                if (afterOff.size() < newestFirst.size()) {
                    turnOff(newestFirst.get(afterOff.size()).ruleSet());
                }
                outcomes.put(name, CompletableFuture.supplyAsync(() -> newestThatCompiles(afterOff), compiling));
            });
            outcomes.forEach((name, future) -> settle(name, future.join()));
        } finally {
            compiling.shutdownNow();
        }
    }

    /** Activates what {@code outcome} compiled, if anything, then records its rejections. */
    private void settle(String name, Outcome outcome) {
        if (outcome.compiled() != null) {
            activate(outcome.chosen().ruleSet(), outcome.compiled());
        }
        long staying = active.version(name);
        // Oldest first, so that the last rejection recorded is the newest, as in order.
        for (int i = outcome.rejected().size() - 1; i >= 0; i--) {
            Rejected rejected = outcome.rejected().get(i);
            reject(rejected.candidate().ruleSet(), rejected.candidate().source(), staying, rejected.why(),
                    rejected.cause());
        }
    }

    private Outcome newestThatCompiles(List<Candidate> newestFirst) {
        List<Rejected> rejected = new ArrayList<>();
        for (Candidate candidate : newestFirst) {
            try {
                return new Outcome(candidate, compile(compiler, candidate.ruleSet()), rejected);
            } catch (RuleSetRejectedException e) {
                rejected.add(new Rejected(candidate, e, null));
            } catch (Exception | LinkageError | StackOverflowError e) {
                // Drools can throw anything at a hostile DRL, even errors from the classes it generates: that is
                // a rejection like a compile error, and the active version stays.
                rejected.add(new Rejected(candidate, new RuleSetRejectedException(candidate.ruleSet().getName(),
                        List.of("could not be compiled here: " + describe(e))), e));
            }
        }
        return new Outcome(null, null, rejected);
    }

    private void turnOff(RuleSet ruleSet) {
        if (active.retire(ruleSet.getName(), ruleSet.getVersion())) {
            LOG.info("Shadow ruleset {} off from version {} (published by {} at {})", ruleSet.getName(),
                    ruleSet.getVersion(), ruleSet.getPublishedBy(), ruleSet.getPublishedAt());
        }
    }

    private void activate(RuleSet ruleSet, CompiledRuleSet compiled) {
        active.activate(compiled);
        LOG.info("Ruleset {} version {} active (published by {} at {})", ruleSet.getName(), ruleSet.getVersion(),
                ruleSet.getPublishedBy(), ruleSet.getPublishedAt());
    }

    /**
     * Activates {@code ruleSet} if it is newer than the active version and compiles here; otherwise records
     * why not. Never throws: one record must not end following for every later one.
     */
    void apply(RuleSet ruleSet, String source) {
        published.seen(ruleSet);
        if (turnsOff(ruleSet)) {
            turnOff(ruleSet);
        } else if (ruleSet.getVersion() > active.version(ruleSet.getName())) {
            settle(ruleSet.getName(), newestThatCompiles(List.of(new Candidate(ruleSet, source))));
        }
    }

    /**
     * The record's files compiled as its version, once they are what its sha256 says.
     *
     * @throws RuleSetRejectedException if they do not compile or their sha256 differs
     */
    static CompiledRuleSet compile(RuleSetCompiler compiler, RuleSet ruleSet) {
        CompiledRuleSet compiled = compiler.compile(ruleSet.getName(), ruleSet.getVersion(), ruleSet.getFiles());
        if (!compiled.sha256().equals(ruleSet.getSha256())) {
            throw new RuleSetRejectedException(ruleSet.getName(), List.of("sha256 " + compiled.sha256()
                    + " of the files differs from the record's " + ruleSet.getSha256()));
        }
        return compiled;
    }

    private void reject(RuleSet ruleSet, String source, long activeVersion, RuleSetRejectedException rejected,
                        Throwable cause) {
        rejections.record(rejected, source, clock.instant());
        metrics.rejectedVersion(ruleSet.getName());
        LOG.error("Ruleset {} version {} from {} rejected here; version {} stays active: {}", ruleSet.getName(),
                ruleSet.getVersion(), source, activeVersion, rejected.getMessage(), cause);
    }

    /** What the follower is doing: following, retrying a record, restarting after a failure, dead or stopped. */
    public FollowerStatus follower() {
        return status;
    }

    private void become(FollowerState state, String reason) {
        status = new FollowerStatus(state, reason, clock.instant(), restarts, lastFailure);
    }

    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        Consumer<String, byte[]> current = consumer;
        if (follower != null && current != null) {
            try {
                current.wakeup();
            } catch (RuntimeException alreadyClosed) {
                // the follower is between two consumers: it sees running is false before it polls again
            }
        }
        if (follower != null) {
            try {
                follower.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(values);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Waits {@code time}, or less if {@link #stop()} is called meanwhile. */
    private void pause(Duration time) {
        try {
            stopping.await(time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to read " + topic + " again", e);
        }
    }

    private String source(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + " offset " + record.offset();
    }

    /** The failure and its causes; the registry client's exception says little without its error's name and code. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.isEmpty() ? "" : "; caused by ").append(t);
            if (t instanceof RestClientException registry && registry.getError() != null) {
                text.append(" (registry error ").append(registry.getError().getName());
                if (registry.getError().getErrorCode() != null) {
                    text.append(", HTTP ").append(registry.getError().getErrorCode());
                }
                text.append(')');
            }
        }
        return text.toString();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed", closeable, e);
        }
    }
}
