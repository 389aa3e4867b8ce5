package io.riskstream.fraud;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.header.Headers;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.Transaction;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.InputLimits;
import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.Evaluation;
import io.riskstream.rules.engine.RuleEvaluator;

/**
 * One partition of {@code transactions} replayed outside the stream, record by record in offset order: which records
 * scoring takes and the card state each one meets, as {@link FraudTopology} does (the same checks, the same
 * duplicate horizon, the same {@link CardProfileUpdater}). A card lives in one partition, so a partition replayed
 * alone rebuilds its cards' states exactly. Nothing here touches a topic or a store: a backtest's card states are its
 * own, in memory, and forgotten with it. Not thread-safe.
 *
 * <p>Where it can only come close: scoring checks event time against the wall clock when it reads a record, the
 * replay against the time it is given (the record's timestamp); scoring forgets an idle card when a sweep reaches
 * it, the replay when the card is next used; the duplicate store drops whole segments, the replay single ids.
 */
public final class CardReplay {

    /** What scoring does with a record: decide it (a {@link Turn}), refuse it, or recognise a retry. */
    public sealed interface Step permits Turn, Refused, Retry {
    }

    /** A transaction scoring took, with its card's state before it: what the rules saw. */
    public record Turn(Transaction transaction, CardSnapshot before) implements Step {
    }

    /** A record scoring sends to the dead-letter topic, and why. */
    public record Refused(String reason) implements Step {
    }

    /** A retry of a transaction already taken within the duplicate horizon: scoring skips it. */
    public record Retry(String transactionId) implements Step {
    }

    /** A ruleset's decision on a turn, as scoring would have written it, and the rules that fired. */
    public record Decided(FraudDecision decision, List<String> firedRules) {
    }

    /** How many records between two sweeps of transaction ids older than the horizon. */
    private static final int PRUNE_EVERY = 10_000;

    private final FraudSettings settings;
    private final CardProfileUpdater updater;
    private final TransactionValidator validator;
    private final InputLimits limits;
    private final RetryCheck retries;
    private final Map<String, CardProfile> cards = new HashMap<>();
    /** The ids pushed out of cards' states, with their event times, while within the horizon of stream time. */
    private final Map<String, Long> seen = new HashMap<>();
    /** The ids busy cards pushed out of their states, as the retry check asks for them. */
    private final RetryCheck.SpilledIds spilledIds = this::spilled;
    private long streamTime = Long.MIN_VALUE;
    private int sincePrune;

    public CardReplay(FraudSettings settings, InputLimits limits) {
        this.settings = settings;
        this.updater = new CardProfileUpdater(settings.cardProfile());
        this.validator = new TransactionValidator(settings.maxAmountMinor());
        this.limits = limits;
        this.retries = settings.retryCheck();
    }

    /** Why scoring would not take the record, read at {@code readAt}: it would be dead-lettered. Empty if it would. */
    public Optional<String> whyRefused(String key, Decoded<Transaction> value, Headers headers, Instant readAt) {
        return DeadLetters.whyRefused(key, value, headers, validator, limitsAt(readAt));
    }

    private InputLimits limitsAt(Instant readAt) {
        return new InputLimits(limits.maxFutureSkew(), limits.maxEventAge(), limits.maxDeadLetterBytes(),
                Clock.fixed(readAt, ZoneOffset.UTC));
    }

    /** The next record of the partition, read at {@code readAt}: what scoring does with it. */
    public Step next(String key, Decoded<Transaction> value, Headers headers, Instant readAt) {
        Optional<String> refused = whyRefused(key, value, headers, readAt);
        if (refused.isPresent()) {
            if (value.isOk() && limitsAt(readAt).accepts(value.value().getEventTime().toEpochMilli())) {
                // Its event time became the record's timestamp before the validator refused it: the stream's time
                // moved all the same.
                streamTime = Math.max(streamTime, value.value().getEventTime().toEpochMilli());
            }
            return new Refused(refused.get());
        }
        return take(value.value());
    }

    /** A transaction that passed the checks: a retry within the horizon, or its turn. */
    private Step take(Transaction tx) {
        long eventTime = tx.getEventTime().toEpochMilli();
        long horizon = retries.horizonMillis();
        streamTime = Math.max(streamTime, eventTime);
        CardProfile stored = cards.get(tx.getCardId());
        CardProfile before = stored == null || updater.isExpired(stored, Instant.ofEpochMilli(streamTime))
                ? CardProfile.empty() : stored;
        if (retries.isRetry(before, tx.getTransactionId(), eventTime, spilledIds)) {
            return new Retry(tx.getTransactionId());
        }
        RetryCheck.Taking taken = retries.take(updater.apply(before, tx), tx.getTransactionId(), eventTime);
        for (RecentTransactionIds.Taken id : taken.spilled()) {
            if (id.atMillis() >= streamTime - horizon) {
                // The window store drops a put older than its retention: a later retry of it is not recognised there.
                seen.put(id.id(), id.atMillis());
            }
        }
        cards.put(tx.getCardId(), taken.card());
        pruneNowAndThen(horizon);
        return new Turn(tx, before.snapshotAt(tx.getEventTime()));
    }

    private boolean spilled(String transactionId, long fromMillis, long toMillis) {
        Long at = seen.get(transactionId);
        return at != null && at >= fromMillis && at <= toMillis;
    }

    /** How many cards the replay holds: its memory is about a kilobyte each. */
    public int cards() {
        return cards.size();
    }

    /** What {@code ruleSet}, a fraud ruleset, decides on {@code turn}: the facts scoring gives it, the same outcome. */
    public static Decided decide(RuleEvaluator evaluator, CompiledRuleSet ruleSet, Turn turn, Clock clock) {
        Evaluation<ScoredDecision> evaluation = evaluator.evaluate(ruleSet, FraudScorer.KIND,
                List.of(turn.transaction(), turn.before()));
        return new Decided(FraudScorer.toDecision(turn.transaction(), evaluation, clock), evaluation.firedRules());
    }

    private void pruneNowAndThen(long horizon) {
        if (++sincePrune < PRUNE_EVERY) {
            return;
        }
        sincePrune = 0;
        long oldest = streamTime - horizon;
        for (Iterator<Long> times = seen.values().iterator(); times.hasNext(); ) {
            if (times.next() < oldest) {
                times.remove();
            }
        }
    }
}
