package io.riskstream.fraud;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.Reason;
import io.riskstream.events.Transaction;
import io.riskstream.rules.ActiveRuleSets;
import io.riskstream.rules.Evaluation;
import java.time.Clock;
import java.util.List;

/**
 * Scores a transaction with the active {@value #RULESET} ruleset against the card's state before it.
 * The facts rules see are the {@link Transaction} and the {@link CardSnapshot}. Thread-safe.
 */
public final class FraudScorer {

    public static final String RULESET = "fraud";

    private final ActiveRuleSets rules;
    private final Clock clock;

    public FraudScorer(ActiveRuleSets rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * The decision on {@code tx}, carrying the version of the ruleset that made it. Never throws for
     * what a rule does (see {@code RuleEvaluator}).
     *
     * @throws IllegalStateException if no fraud ruleset is active yet
     */
    public FraudDecision score(Transaction tx, CardSnapshot before) {
        return toDecision(tx, rules.evaluate(RULESET, List.of(tx, before)), clock);
    }

    static FraudDecision toDecision(Transaction tx, Evaluation evaluation, Clock clock) {
        List<Reason> reasons = evaluation.reasons().stream()
                .map(reason -> new Reason(reason.ruleId(), reason.points(), reason.detail()))
                .toList();
        return FraudDecision.newBuilder()
                .setTransactionId(tx.getTransactionId())
                .setCardId(tx.getCardId())
                .setScore(evaluation.score())
                .setDecision(evaluation.decision().name())
                .setReasons(reasons)
                .setRulesetVersion(evaluation.ruleSetVersion())
                .setEventTime(tx.getEventTime())
                .setDecidedAt(clock.instant())
                .build();
    }
}
