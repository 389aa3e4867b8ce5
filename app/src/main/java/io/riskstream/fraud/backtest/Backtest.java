package io.riskstream.fraud.backtest;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import io.riskstream.fraud.CardReplay;
import io.riskstream.fraud.FraudScorer;
import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.RuleEvaluator;

/**
 * One backtest: every partition of {@code transactions} replayed from its first record ({@link CardReplay}: card
 * states rebuilt as scoring built them), each transaction of the range decided by the version that decided it (the
 * one its recorded decision names) and by the candidate, on the same card state, and counted ({@link BacktestTally}).
 * A partition at a time, so that the replay holds one partition's cards. Reads and computes only: it writes to no
 * topic and no store.
 */
final class Backtest implements AutoCloseable {

    /** What the backtest compares, over which range of event time. */
    record Plan(CompiledRuleSet candidate, BacktestReport.Candidate source, LongFunction<CompiledRuleSet> versions,
                long fallbackVersion, Instant from, Instant to, int maxListed) {
    }

    /**
     * How far it got: records read (recorded decisions, then transactions) of those to read. Read by other threads
     * while the backtest runs.
     */
    static final class Progress {
        final AtomicLong read = new AtomicLong();
        final AtomicLong toRead = new AtomicLong(-1);
        final AtomicBoolean cancelled = new AtomicBoolean();
    }

    /** Thrown when the backtest was cancelled before it ended. */
    static final class CancelledException extends RuntimeException {
        CancelledException() {
            super("cancelled");
        }
    }

    private final TransactionLog log;
    private final Supplier<CardReplay> replays;
    private final RuleEvaluator evaluator;
    private final Clock clock;

    /** @param clock what decidedAt says in the decisions the backtest makes (nothing compares them) */
    Backtest(TransactionLog log, Supplier<CardReplay> replays, RuleEvaluator evaluator, Clock clock) {
        this.log = log;
        this.replays = replays;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    /** @throws CancelledException if {@code progress} is cancelled before the end */
    BacktestReport run(Plan plan, Progress progress) {
        long started = System.nanoTime();
        progress.toRead.set(log.size(plan.from()));
        Map<String, TransactionLog.Recorded> recorded = log.decisions(plan.from(), plan.to(),
                progress.read::incrementAndGet);
        AtomicLong transactions = new AtomicLong();
        BacktestTally tally = new BacktestTally(plan.maxListed(), plan.candidate().ruleNames());
        Map<Long, CompiledRuleSet> compiled = new HashMap<>();
        // Each version the baseline decides with is compiled once, and its rules listed once.
        LongFunction<CompiledRuleSet> baselines = version -> compiled.computeIfAbsent(version, v -> {
            CompiledRuleSet ruleSet = plan.versions().apply(v);
            tally.baselineRules(ruleSet.ruleNames());
            return ruleSet;
        });
        // The version active now is listed even when no transaction of the range is decided.
        baselines.apply(plan.fallbackVersion());
        int mostCards = 0;
        for (int partition : log.partitions()) {
            CardReplay replay = replays.get();
            log.read(partition, entry -> {
                progress.read.incrementAndGet();
                transactions.incrementAndGet();
                CardReplay.Step step = replay.next(entry.key(), entry.value(), entry.headers(), entry.writtenAt());
                Instant time = entry.value().isOk() ? entry.value().value().getEventTime() : entry.writtenAt();
                if (inRange(time, plan)) {
                    if (step instanceof CardReplay.Turn turn) {
                        TransactionLog.Recorded was = recorded.get(turn.transaction().getTransactionId());
                        long version = was == null ? plan.fallbackVersion() : was.rulesetVersion();
                        tally.decided(CardReplay.decide(evaluator, baselines.apply(version), turn, clock),
                                CardReplay.decide(evaluator, plan.candidate(), turn, clock), was);
                    } else if (step instanceof CardReplay.Refused) {
                        tally.refused();
                    } else {
                        tally.duplicate();
                    }
                }
                return !progress.cancelled.get();
            });
            if (progress.cancelled.get()) {
                throw new CancelledException();
            }
            mostCards = Math.max(mostCards, replay.cards());
        }
        return tally.report(FraudScorer.RULESET, plan.source(), plan.from(), plan.to(), transactions.get(), mostCards,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Closes the log it read. */
    @Override
    public void close() {
        log.close();
    }

    private static boolean inRange(Instant time, Plan plan) {
        return !time.isBefore(plan.from()) && time.isBefore(plan.to());
    }
}
