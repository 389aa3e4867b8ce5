package io.riskstream.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    static final String HEADER = """
            package test.rules;
            import io.riskstream.rules.Scorecard;
            global Scorecard scorecard;
            """;

    static final String THRESHOLDS = HEADER + """
            rule "decline-threshold" ruleflow-group "thresholds"
            when Scorecard(total >= 700)
            then scorecard.decide("DECLINE");
            end
            rule "review-threshold" ruleflow-group "thresholds"
            when Scorecard(total >= 300, total < 700)
            then scorecard.decide("REVIEW");
            end
            rule "approve-threshold" ruleflow-group "thresholds"
            when Scorecard(total < 300)
            then scorecard.decide("APPROVE");
            end
            """;

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private final RuleEvaluator evaluator = new RuleEvaluator(new EvaluationLimits(100, 10));

    @Test
    void thresholdRulesTurnTheScoreIntoADecision() {
        Evaluation evaluation = evaluate(scoring("big", "$s : String(length > 3)", 750), "hello");

        assertThat(evaluation.score()).isEqualTo(750);
        assertThat(evaluation.decision()).isEqualTo(Decision.DECLINE);
        assertThat(evaluation.reasons()).containsExactly(new Evaluation.Reason("big", 750, "detail"),
                new Evaluation.Reason("decline-threshold", 0, "score 750 decides DECLINE"));
        assertThat(evaluation.firedRules()).containsExactly("big", "decline-threshold");
    }

    @Test
    void approvesWhenNoScoringRuleFires() {
        Evaluation evaluation = evaluate(scoring("big", "String(length > 3)", 750), "hi");

        assertThat(evaluation.score()).isZero();
        assertThat(evaluation.decision()).isEqualTo(Decision.APPROVE);
        assertThat(evaluation.reasons()).extracting(Evaluation.Reason::ruleId).containsExactly("approve-threshold");
    }

    @Test
    void scoreIsCappedAtOneThousand() {
        String rules = scoring("a", "String()", 800) + scoring("b", "String()", 800).replace(HEADER, "");

        assertThat(evaluate(rules, "x").score()).isEqualTo(Scorecard.MAX_SCORE);
    }

    @Test
    void reviewsWithAReasonWhenNoThresholdRuleDecides() {
        CompiledRuleSet ruleSet = compiler.compile("t", 1, Map.of("scoring.drl", scoring("a", "String()", 10)));

        Evaluation evaluation = evaluator.evaluate(ruleSet, List.of("x"));

        assertThat(evaluation.decision()).isEqualTo(Decision.REVIEW);
        assertThat(evaluation.reasons()).extracting(Evaluation.Reason::ruleId).containsExactly("a", "no-threshold");
    }

    @Test
    void ruleThatThrowsGivesReviewWithItsRuleIdAsReason() {
        String rules = HEADER + """
                rule "boom" when String() then throw new IllegalStateException("kaput"); end
                """;

        Evaluation evaluation = evaluate(rules, "x");

        assertThat(evaluation.decision()).isEqualTo(Decision.REVIEW);
        assertThat(evaluation.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.ruleId()).isEqualTo("boom");
            assertThat(reason.detail()).contains("IllegalStateException", "kaput");
        });
    }

    @Test
    void ruleWhoseConditionThrowsGivesReviewWithEngineError() {
        String rules = HEADER + """
                rule "bad-condition" when String(Integer.parseInt(this) > 3) then scorecard.add(1, "never"); end
                """;

        Evaluation evaluation = evaluate(rules, "not a number");

        assertThat(evaluation.decision()).isEqualTo(Decision.REVIEW);
        assertThat(evaluation.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.ruleId()).isEqualTo("engine-error");
            assertThat(reason.detail()).contains("NumberFormatException");
        });
    }

    @Test
    void runawayRuleIsCutOffByTheFireLimit() {
        String rules = HEADER + """
                declare Counter n : int end
                rule "start" when not Counter() then insert(new Counter(0)); end
                rule "runaway" when $c : Counter(n >= 0) then modify($c) { setN($c.getN() + 1) } scorecard.add(1, "again"); end
                """;

        Evaluation evaluation = evaluate(rules, "x");

        assertThat(evaluation.decision()).isEqualTo(Decision.REVIEW);
        assertThat(evaluation.reasons()).hasSize(11).last().satisfies(reason -> {
            assertThat(reason.ruleId()).isEqualTo("fire-limit");
            assertThat(reason.detail()).contains("runaway");
        });
    }

    @Test
    void mostSevereThresholdDecisionWins() {
        String rules = HEADER + """
                rule "always-review" ruleflow-group "thresholds" when Scorecard() then scorecard.decide("REVIEW"); end
                """;

        assertThat(evaluate(rules, "x").decision()).isEqualTo(Decision.REVIEW);
    }

    @Test
    void evaluationAfterOneThatFailedStartsWithNoFactsOrReasonsLeft() {
        String rules = scoring("big", "String(length > 3)", 750)
                + "rule \"boom\" when String(this == \"boom\") then throw new IllegalStateException(\"kaput\"); end\n";
        CompiledRuleSet ruleSet = compiler.compile("t", 1,
                Map.of("scoring.drl", rules, "thresholds.drl", THRESHOLDS));

        assertThat(evaluator.evaluate(ruleSet, List.of("boom")).decision()).isEqualTo(Decision.REVIEW);
        assertThat(evaluator.evaluate(ruleSet, List.of("hello")).decision()).isEqualTo(Decision.DECLINE);
        Evaluation quiet = evaluator.evaluate(ruleSet, List.of("hi"));

        assertThat(quiet.score()).isZero();
        assertThat(quiet.decision()).isEqualTo(Decision.APPROVE);
        assertThat(quiet.reasons()).extracting(Evaluation.Reason::ruleId).containsExactly("approve-threshold");
        assertThat(quiet.firedRules()).containsExactly("approve-threshold");
    }

    @Test
    void evaluationAfterOneCutOffByTheFireLimitStartsAfresh() {
        String rules = HEADER + """
                declare Counter n : int end
                rule "start" when not Counter() then insert(new Counter(0)); end
                rule "runaway" when $c : Counter(n >= 0) then modify($c) { setN($c.getN() + 1) } scorecard.add(1, "again"); end
                """;
        CompiledRuleSet ruleSet = compiler.compile("t", 1,
                Map.of("scoring.drl", rules, "thresholds.drl", THRESHOLDS));

        Evaluation first = evaluator.evaluate(ruleSet, List.of("x"));
        Evaluation second = evaluator.evaluate(ruleSet, List.of("x"));

        assertThat(second).isEqualTo(first);
        assertThat(second.firedRules()).containsExactly("start", "runaway");
    }

    static String scoring(String ruleName, String condition, int points) {
        return HEADER + "rule \"" + ruleName + "\" when " + condition + " then scorecard.add(" + points
                + ", \"detail\"); end\n";
    }

    private Evaluation evaluate(String rules, Object... facts) {
        CompiledRuleSet ruleSet = compiler.compile("t", 1,
                Map.of("scoring.drl", rules, "thresholds.drl", THRESHOLDS));
        return evaluator.evaluate(ruleSet, List.of(facts));
    }
}
