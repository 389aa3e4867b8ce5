package io.riskstream.fraud;

import java.time.Clock;
import java.util.List;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.Reason;
import io.riskstream.events.Transaction;
import io.riskstream.rules.engine.DeclaredRuleSet;
import io.riskstream.rules.engine.Evaluation;
import io.riskstream.rules.engine.RuleSetKind;
import io.riskstream.rules.lifecycle.ActiveRuleSets;

/**
 * Scores a transaction with the active {@value #RULESET} ruleset against the card's state before it.
 * The facts rules see are the {@link Transaction} and the {@link CardSnapshot}. Thread-safe.
 */
public final class FraudScorer {

    public static final String RULESET = "fraud";
    /** The shadow ruleset: evaluated beside {@value #RULESET} when published, deciding nothing. */
    public static final String SHADOW = RULESET + DeclaredRuleSet.SHADOW_SUFFIX;
    /** A fraud ruleset's evaluation is a {@link ScoredDecision}: see {@link ScoringKind}. */
    static final RuleSetKind<ScoredDecision> KIND = new ScoringKind();

    private final ActiveRuleSets rules;
    private final Clock clock;

    public FraudScorer(ActiveRuleSets rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /** The {@value #RULESET} ruleset, with its test cases' fact model: a history replayed through {@code updater}. */
    public static DeclaredRuleSet<ScoredDecision> ruleSet(CardProfileUpdater updater) {
        return new DeclaredRuleSet<>(RULESET, KIND, new FraudCaseFacts(updater));
    }

    /** The shadow of the {@value #RULESET} ruleset, {@value #SHADOW}: its files in {@code rules/fraud.shadow/}. */
    public static DeclaredRuleSet<ScoredDecision> shadowRuleSet(CardProfileUpdater updater) {
        return ruleSet(updater).shadow();
    }

    /**
     * What the shadow ruleset decides on the same facts, or null while none is active: the decision it would have
     * made, for {@code fraud-decisions-shadow}.
     */
    public FraudDecision shadow(Transaction tx, CardSnapshot before) {
        return rules.evaluateIfActive(SHADOW, KIND, List.of(tx, before))
                .map(evaluation -> toDecision(tx, evaluation, clock)).orElse(null);
    }

    /**
     * The decision on {@code tx}, carrying the version of the ruleset that made it. Never throws for
     * what a rule does (see {@link ScoringKind}).
     *
     * @throws IllegalStateException if no fraud ruleset is active yet
     */
    public FraudDecision score(Transaction tx, CardSnapshot before) {
        return toDecision(tx, rules.evaluate(RULESET, KIND, List.of(tx, before)), clock);
    }

    static FraudDecision toDecision(Transaction tx, Evaluation<ScoredDecision> evaluation, Clock clock) {
        ScoredDecision scored = evaluation.outcome();
        List<Reason> reasons = scored.reasons().stream()
                .map(reason -> new Reason(reason.ruleId(), reason.points(), reason.detail()))
                .toList();
        return FraudDecision.newBuilder()
                .setTransactionId(tx.getTransactionId())
                .setCardId(tx.getCardId())
                .setScore(scored.score())
                // The record's decision is a string (the schema's, for every consumer): the enum's name, once, here.
                .setDecision(scored.decision().name())
                .setReasons(reasons)
                .setRulesetVersion(evaluation.ruleSetVersion())
                .setEventTime(tx.getEventTime())
                .setDecidedAt(clock.instant())
                .build();
    }
}
