package io.riskstream.rules;

import java.util.List;

/**
 * The outcome of evaluating one event against one ruleset version.
 *
 * @param score       capped sum of the reasons' points, 0 to {@link Scorecard#MAX_SCORE}
 * @param reasons     why, in firing order: rules' reasons, and engine reasons such as a rule failure
 * @param firedRules  distinct names of the rules that fired, in firing order (threshold rules included)
 */
public record Evaluation(String ruleSetName, long ruleSetVersion, int score, Decision decision,
                         List<Reason> reasons, List<String> firedRules) {

    /** One reason: the rule id (the rule's name, or an engine id such as {@code fire-limit}), points, detail. */
    public record Reason(String ruleId, int points, String detail) {
    }

    public Evaluation {
        reasons = List.copyOf(reasons);
        firedRules = List.copyOf(firedRules);
    }

    public boolean fired(String ruleName) {
        return firedRules.contains(ruleName);
    }
}
