package io.riskstream.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * What rules write to, through the global {@code scorecard}: scoring rules {@link #add} points with a
 * detail (the reason's rule id is the firing rule's name); threshold rules match the {@code Scorecard}
 * fact on its {@code total} and {@link #decide}. One per evaluation; not thread-safe.
 */
public final class Scorecard {

    public static final int MAX_SCORE = 1000;

    private final int maxReasons;
    private final List<Evaluation.Reason> reasons = new ArrayList<>();
    private long points;
    private String firingRule;
    private Decision decision;

    Scorecard(int maxReasons) {
        this.maxReasons = maxReasons;
    }

    /** Adds points (negative to lower the score) for the firing rule, with a human-readable detail. */
    public void add(int points, String detail) {
        record(new Evaluation.Reason(firingRule == null ? RuleEvaluator.ENGINE_ERROR : firingRule, points, detail));
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
    public void decide(String decision) {
        Decision decided = Decision.valueOf(decision);
        this.decision = decided.mostSevere(this.decision);
        reasons.add(new Evaluation.Reason(firingRule == null ? RuleEvaluator.ENGINE_ERROR : firingRule, 0,
                "score " + getTotal() + " decides " + decided));
    }

    public String getDecision() {
        return decision == null ? null : decision.name();
    }

    void record(Evaluation.Reason reason) {
        points += reason.points();
        if (reasons.size() < maxReasons) {
            reasons.add(reason);
        }
    }

    /** An engine's reason (a failure, the fire limit) is kept even when the rules' reasons filled the list. */
    void recordEngineReason(String ruleId, String detail) {
        reasons.add(new Evaluation.Reason(ruleId, 0, detail));
    }

    void firing(String ruleName) {
        this.firingRule = ruleName;
    }

    Decision decided() {
        return decision;
    }

    List<Evaluation.Reason> reasons() {
        return reasons;
    }
}
