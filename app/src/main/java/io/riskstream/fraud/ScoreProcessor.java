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
 * Scores each transaction against its card's state as it was before, then updates the state. Both stores
 * are changelogged, and under exactly-once the store updates, the decision and the input offset commit
 * together: a crash replays the transaction against the state as it was, never twice.
 */
final class ScoreProcessor implements Processor<String, Transaction, String, FraudDecision> {

    static final String DECISIONS_METRIC = "riskstream.fraud.decisions";
    static final String DUPLICATES_METRIC = "riskstream.fraud.duplicates";
    static final String EXPIRED_METRIC = "riskstream.fraud.expired.cards";
    static final String LATENCY_METRIC = "riskstream.fraud.latency";

    private final FraudSettings settings;
    private final FraudScorer scorer;
    private final CardProfileUpdater updater;
    private final MeterRegistry meters;
    private final Counter duplicates;
    private final Counter expired;
    private final Timer latency;
    private final Map<String, Counter> decided = new HashMap<>();
    private ProcessorContext<String, FraudDecision> context;
    private KeyValueStore<String, CardProfile> profiles;
    private WindowStore<String, Long> seen;

    ScoreProcessor(FraudSettings settings, FraudScorer scorer, CardProfileUpdater updater, MeterRegistry meters) {
        this.settings = settings;
        this.scorer = scorer;
        this.updater = updater;
        this.meters = meters;
        this.duplicates = meters.counter(DUPLICATES_METRIC);
        this.expired = meters.counter(EXPIRED_METRIC);
        this.latency = Timer.builder(LATENCY_METRIC)
                .description("from a transaction's eventTime to its decision").register(meters);
    }

    @Override
    public void init(ProcessorContext<String, FraudDecision> context) {
        this.context = context;
        this.profiles = context.getStateStore(FraudTopology.CARD_PROFILES_STORE);
        this.seen = context.getStateStore(FraudTopology.SEEN_TRANSACTIONS_STORE);
        context.schedule(settings.expiryScanInterval(), PunctuationType.STREAM_TIME,
                streamTime -> forgetIdleCards(Instant.ofEpochMilli(streamTime)));
    }

    @Override
    public void process(Record<String, Transaction> record) {
        Transaction tx = record.value();
        long eventTime = tx.getEventTime().toEpochMilli();
        if (seenBefore(tx.getTransactionId(), eventTime)) {
            duplicates.increment();
            return;
        }
        seen.put(tx.getTransactionId(), eventTime, eventTime);
        CardProfile stored = profiles.get(tx.getCardId());
        CardProfile before = stored == null ? CardProfile.empty() : stored;
        FraudDecision decision = scorer.score(tx, before.snapshotAt(tx.getEventTime()));
        profiles.put(tx.getCardId(), updater.apply(before, tx));
        decided.computeIfAbsent(decision.getDecision(), outcome -> meters.counter(DECISIONS_METRIC, "decision", outcome))
                .increment();
        latency.record(Duration.between(tx.getEventTime(), decision.getDecidedAt()));
        context.forward(record.withValue(decision));
    }

    private boolean seenBefore(String transactionId, long eventTime) {
        long horizon = settings.duplicateHorizon().toMillis();
        // The long bounds, not the Instant ones: those format an error-message prefix on every call.
        try (WindowStoreIterator<Long> earlier = seen.fetch(transactionId, eventTime - horizon, eventTime + horizon)) {
            return earlier.hasNext();
        }
    }

    private void forgetIdleCards(Instant now) {
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, CardProfile> all = profiles.all()) {
            while (all.hasNext()) {
                KeyValue<String, CardProfile> card = all.next();
                if (updater.isExpired(card.value, now)) {
                    idle.add(card.key);
                }
            }
        }
        idle.forEach(profiles::delete);
        expired.increment(idle.size());
    }
}
