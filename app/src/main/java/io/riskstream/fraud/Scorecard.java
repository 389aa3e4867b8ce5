package io.riskstream.fraud;

import java.util.ArrayList;
import java.util.List;

import io.riskstream.rules.engine.Interruption;
import io.riskstream.rules.engine.RuleEvaluator;

/**
 * What fraud rules write to, through the global {@code scorecard}: scoring rules {@link #add} points with a
 * detail (the reason's rule id is the firing rule's name); threshold rules match the {@code Scorecard}
 * fact on its {@code total} and {@link #decide}. One per evaluation; not thread-safe.
 */
public final class Scorecard {

    public static final int MAX_SCORE = 1000;

    private final int maxReasons;
    private final List<ScoredDecision.Reason> reasons = new ArrayList<>();
    private long points;
    private String firingRule;
    private Decision decision;

    Scorecard(int maxReasons) {
        this.maxReasons = maxReasons;
    }

    /** Adds points (negative to lower the score) for the firing rule, with a human-readable detail. */
    public void add(int points, String detail) {
        this.points += points;
        if (reasons.size() < maxReasons) {
            reasons.add(new ScoredDecision.Reason(ruleId(), points, detail));
        }
    }

    /** The score so far: the sum of all points, capped to 0..{@value #MAX_SCORE}. */
    public int getTotal() {
        return (int) Math.max(0, Math.min(MAX_SCORE, points));
    }

    /**
     * Decides APPROVE, REVIEW or DECLINE; when several rules decide, the most severe wins. The deciding
     * rule is a reason too (with no points), so that every decision names the rules that made it, an
     * APPROVE with no scoring rule included.
     */
    public void decide(Decision decided) {
        this.decision = decided.mostSevere(this.decision);
        reasons.add(new ScoredDecision.Reason(ruleId(), 0, "score " + getTotal() + " decides " + decided));
    }

    /** The most severe decision so far, or null when no rule decided. */
    public Decision getDecision() {
        return decision;
    }

    /** The decision when the rules ran to the end: REVIEW, with a reason, when no threshold rule decided. */
    ScoredDecision completed() {
        if (decision == null) {
            engineReason(ScoringKind.NO_THRESHOLD, "no threshold rule decided on score " + getTotal()
                    + "; REVIEW by default");
            return outcome(Decision.REVIEW);
        }
        return outcome(decision);
    }

    /** The engine cut the evaluation short: REVIEW, whatever was decided, with the engine's reason. */
    ScoredDecision interrupted(Interruption why) {
        engineReason(why.ruleId(), why.detail() + "; decision forced to REVIEW");
        return outcome(Decision.REVIEW);
    }

    void firing(String ruleName) {
        this.firingRule = ruleName;
    }

    /** An engine's reason (a failure, the fire limit) is kept even when the rules' reasons filled the list. */
    private void engineReason(String ruleId, String detail) {
        reasons.add(new ScoredDecision.Reason(ruleId, 0, detail));
    }

    private ScoredDecision outcome(Decision decided) {
        return new ScoredDecision(getTotal(), decided, reasons);
    }

    private String ruleId() {
        return firingRule == null ? RuleEvaluator.ENGINE_ERROR : firingRule;
    }
}
