package io.riskstream.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.Transaction;

/**
 * Scores each transaction against its card's state as it was before, then updates the state. The card's state
 * holds its recent transaction ids too, so that the retry check and the scoring of most transactions read one
 * store value and write one ({@link RetryCheck}). Both stores are changelogged, and under exactly-once the store
 * updates, the decision and the input offset commit together: a crash replays the transaction against the state as
 * it was, never twice. While a shadow ruleset is
 * active its decision on the same facts goes out beside the live one, in the same transaction.
 */
final class ScoreProcessor implements Processor<String, Transaction, String, ScoreProcessor.Scored> {

    /** The live decision, and the shadow's on the same facts (null while no shadow is active). */
    record Scored(FraudDecision live, FraudDecision shadow) {
    }

    static final String DECISIONS_METRIC = "riskstream.fraud.decisions";
    static final String DUPLICATES_METRIC = "riskstream.fraud.duplicates";
    static final String EXPIRED_METRIC = "riskstream.fraud.expired.cards";
    static final String LATENCY_METRIC = "riskstream.fraud.latency";
    static final String SHADOW_METRIC = "riskstream.fraud.shadow.decisions";
    /** How often a sweep for idle cards takes its next batch. */
    static final Duration SWEEP_TICK = Duration.ofSeconds(1);

    private final FraudSettings settings;
    private final FraudScorer scorer;
    private final CardProfileUpdater updater;
    private final RetryCheck retries;
    private final MeterRegistry meters;
    private final Counter duplicates;
    private final Counter expired;
    private final Timer latency;
    private final Map<String, Counter> decided = new HashMap<>();
    private final Map<String, Counter> shadowed = new HashMap<>();
    private ProcessorContext<String, Scored> context;
    private KeyValueStore<String, CardProfile> profiles;
    private WindowStore<String, Long> seen;
    /** The ids busy cards pushed out of their states, as the retry check asks for them. */
    private final RetryCheck.SpilledIds spilledIds = this::spilled;
    /** The next card the current sweep looks at; null between sweeps. */
    private String sweepFrom;
    private boolean sweeping;
    private long nextSweepAt = Long.MIN_VALUE;

    ScoreProcessor(FraudSettings settings, FraudScorer scorer, CardProfileUpdater updater, MeterRegistry meters) {
        this.settings = settings;
        this.scorer = scorer;
        this.updater = updater;
        this.retries = settings.retryCheck();
        this.meters = meters;
        this.duplicates = meters.counter(DUPLICATES_METRIC);
        this.expired = meters.counter(EXPIRED_METRIC);
        this.latency = Timer.builder(LATENCY_METRIC)
                .description("from a transaction's eventTime to its decision").register(meters);
    }

    @Override
    public void init(ProcessorContext<String, Scored> context) {
        this.context = context;
        this.profiles = context.getStateStore(FraudTopology.CARD_PROFILES_STORE);
        this.seen = context.getStateStore(FraudTopology.SEEN_TRANSACTIONS_STORE);
        context.schedule(SWEEP_TICK, PunctuationType.WALL_CLOCK_TIME, wallClock -> sweepIdleCards());
    }

    @Override
    public void process(Record<String, Transaction> record) {
        Transaction tx = record.value();
        long eventTime = tx.getEventTime().toEpochMilli();
        CardProfile stored = profiles.get(tx.getCardId());
        CardProfile before = stored == null ? CardProfile.empty() : stored;
        if (retries.isRetry(before, tx.getTransactionId(), eventTime, spilledIds)) {
            duplicates.increment();
            return;
        }
        CardSnapshot snapshot = before.snapshotAt(tx.getEventTime());
        FraudDecision decision = scorer.score(tx, snapshot);
        FraudDecision shadow = scorer.shadow(tx, snapshot);
        RetryCheck.Taking taken = retries.take(updater.apply(before, tx), tx.getTransactionId(), eventTime);
        for (RecentTransactionIds.Taken id : taken.spilled()) {
            seen.put(id.id(), id.atMillis(), id.atMillis());
        }
        profiles.put(tx.getCardId(), taken.card());
        decided.computeIfAbsent(decision.getDecision(), outcome -> meters.counter(DECISIONS_METRIC, "decision", outcome))
                .increment();
        if (shadow != null) {
            String live = decision.getDecision();
            String would = shadow.getDecision();
            shadowed.computeIfAbsent(live + "->" + would, pair -> meters.counter(SHADOW_METRIC, "live", live,
                    "shadow", would, "agree", String.valueOf(live.equals(would)))).increment();
        }
        latency.record(Duration.between(tx.getEventTime(), decision.getDecidedAt()));
        context.forward(record.withValue(new Scored(decision, shadow)));
    }

    private boolean spilled(String transactionId, long fromMillis, long toMillis) {
        // The long bounds, not the Instant ones: those format an error-message prefix on every call.
        try (WindowStoreIterator<Long> earlier = seen.fetch(transactionId, fromMillis, toMillis)) {
            return earlier.hasNext();
        }
    }

    /**
     * Forgets idle cards a batch at a time: each tick looks at the next {@code expirySweepBatch} cards in key order
     * and deletes those idle as of stream time, so that no transaction carries more than a batch of deletes, however
     * many cards there are. A sweep starts once per {@code expiryScanInterval} of stream time; after a restart the
     * first one starts from the first card.
     */
    private void sweepIdleCards() {
        long streamTime = context.currentStreamTimeMs();
        if (streamTime < 0) {
            return;
        }
        if (!sweeping) {
            if (streamTime < nextSweepAt) {
                return;
            }
            sweeping = true;
            sweepFrom = null;
            nextSweepAt = streamTime + settings.expiryScanInterval().toMillis();
        }
        Instant now = Instant.ofEpochMilli(streamTime);
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, CardProfile> cards = sweepFrom == null ? profiles.all()
                : profiles.range(sweepFrom, null)) {
            for (int looked = 0; looked < settings.expirySweepBatch() && cards.hasNext(); looked++) {
                KeyValue<String, CardProfile> card = cards.next();
                if (updater.isExpired(card.value, now)) {
                    idle.add(card.key);
                }
            }
            sweeping = cards.hasNext();
            sweepFrom = sweeping ? cards.peekNextKey() : null;
        }
        idle.forEach(profiles::delete);
        expired.increment(idle.size());
    }
}
