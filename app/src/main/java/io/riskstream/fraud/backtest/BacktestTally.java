package io.riskstream.fraud.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.riskstream.events.FraudDecision;
import io.riskstream.fraud.Decision;
import io.riskstream.fraud.CardReplay.Decided;

/**
 * Counts a backtest as it goes: both sides' outcomes and rule hits, the changes (the first {@code maxListed} with
 * both decisions), and the baseline's agreement with what was recorded. Not thread-safe: one replay thread.
 */
final class BacktestTally {

    static final List<String> OUTCOMES = Arrays.stream(Decision.values()).map(Decision::name).toList();

    private final int maxListed;
    private final SideTally baseline;
    private final SideTally candidate;
    private final Map<String, Long> changesByOutcome = new TreeMap<>();
    private final List<BacktestReport.Change> listed = new ArrayList<>();
    private long changes;
    private long scoresChanged;
    private long refused;
    private long duplicates;
    private long found;
    private long agreeing;
    private long missing;

    BacktestTally(int maxListed, Collection<String> candidateRules) {
        this.maxListed = maxListed;
        this.baseline = new SideTally(List.of());
        this.candidate = new SideTally(candidateRules);
    }

    /** The rules of a version the baseline decides with: listed, with 0 hits until one fires. Once per version. */
    void baselineRules(Collection<String> rules) {
        baseline.rules(rules);
    }

    /** A record of the range scoring would have refused. */
    void refused() {
        refused++;
    }

    /** A retry of the range within the duplicate horizon. */
    void duplicate() {
        duplicates++;
    }

    /**
     * One transaction of the range, decided by both sides.
     *
     * @param recorded the decision on {@code fraud-decisions}, or null when there is none
     */
    void decided(Decided before, Decided after, TransactionLog.Recorded recorded) {
        baseline.add(before);
        candidate.add(after);
        FraudDecision was = before.decision();
        FraudDecision now = after.decision();
        if (recorded == null) {
            missing++;
        } else {
            found++;
            if (recorded.decision().equals(was.getDecision()) && recorded.score() == was.getScore()) {
                agreeing++;
            }
        }
        if (was.getScore() != now.getScore()) {
            scoresChanged++;
        }
        if (!was.getDecision().equals(now.getDecision())) {
            changes++;
            changesByOutcome.merge(was.getDecision() + "->" + now.getDecision(), 1L, Long::sum);
            if (listed.size() < maxListed) {
                listed.add(new BacktestReport.Change(was.getTransactionId(), was.getCardId(), was.getEventTime(),
                        outcome(was), outcome(now)));
            }
        }
    }

    BacktestReport report(String ruleset, BacktestReport.Candidate source, Instant from, Instant to,
                          long recordsRead, int cards, long durationMillis) {
        return new BacktestReport(ruleset, source, from, to, recordsRead, baseline.count, refused, duplicates,
                baseline.side(), candidate.side(),
                new BacktestReport.Changes(changes, Collections.unmodifiableMap(new TreeMap<>(changesByOutcome)),
                        scoresChanged, List.copyOf(listed), changes > listed.size()),
                new BacktestReport.Recorded(found, agreeing, missing), cards, durationMillis);
    }

    private static BacktestReport.Outcome outcome(FraudDecision decision) {
        return new BacktestReport.Outcome(decision.getDecision(), decision.getScore(), decision.getRulesetVersion(),
                decision.getReasons().stream()
                        .map(r -> new BacktestReport.Reason(r.getRuleId(), r.getPoints(), r.getDetail())).toList());
    }

    /** One side's counts. Rules that never fire are listed with 0, so that "stopped firing" shows. */
    private static final class SideTally {

        private final Map<String, Long> decisions = new LinkedHashMap<>();
        private final Map<String, Long> ruleHits = new TreeMap<>();
        private final Map<Long, Long> versions = new TreeMap<>();
        private long count;

        SideTally(Collection<String> rules) {
            OUTCOMES.forEach(outcome -> decisions.put(outcome, 0L));
            rules(rules);
        }

        void rules(Collection<String> rules) {
            rules.forEach(rule -> ruleHits.putIfAbsent(rule, 0L));
        }

        void add(Decided decided) {
            count++;
            decisions.merge(decided.decision().getDecision(), 1L, Long::sum);
            versions.merge(decided.decision().getRulesetVersion(), 1L, Long::sum);
            // A rule that fired twice on one transaction is one hit: the count is of transactions.
            decided.firedRules().stream().distinct().forEach(rule -> ruleHits.merge(rule, 1L, Long::sum));
        }

        BacktestReport.Side side() {
            return new BacktestReport.Side(Collections.unmodifiableMap(new LinkedHashMap<>(decisions)),
                    Collections.unmodifiableMap(new TreeMap<>(ruleHits)),
                    Collections.unmodifiableMap(new TreeMap<>(versions)));
        }
    }
}
