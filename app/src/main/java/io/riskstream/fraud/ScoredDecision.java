package io.riskstream.fraud;

import java.util.List;

/**
 * What the {@code fraud} ruleset decides on a transaction, typed until the {@code FraudDecision} record is built.
 *
 * @param score   capped sum of the reasons' points, 0 to {@link Scorecard#MAX_SCORE}
 * @param reasons why, in firing order: rules' reasons, and engine reasons such as a rule failure
 */
public record ScoredDecision(int score, Decision decision, List<Reason> reasons) {

    /** One reason: the rule id (the rule's name, or an engine id such as {@code fire-limit}), points, detail. */
    public record Reason(String ruleId, int points, String detail) {
    }

    public ScoredDecision {
        reasons = List.copyOf(reasons);
    }
}
