package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.Evaluation;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.RuleSetRejectedException;

/** The fraud ruleset's evaluation: scoring, thresholds, and REVIEW whenever the rules do not decide. */
class ScoringKindTest {

    static final String HEADER = """
            package test.rules;
            import io.riskstream.fraud.Decision;
            import io.riskstream.fraud.Scorecard;
            global Scorecard scorecard;
            """;

    static final String THRESHOLDS = HEADER + """
            rule "decline-threshold" ruleflow-group "thresholds"
            when Scorecard(total >= 700)
            then scorecard.decide(Decision.DECLINE);
            end
            rule "review-threshold" ruleflow-group "thresholds"
            when Scorecard(total >= 300, total < 700)
            then scorecard.decide(Decision.REVIEW);
            end
            rule "approve-threshold" ruleflow-group "thresholds"
            when Scorecard(total < 300)
            then scorecard.decide(Decision.APPROVE);
            end
            """;

    /** Adds a point on every firing, for ever: only the fire limit stops it. */
    static final String RUNAWAY = HEADER + """
            declare Counter n : int end
            rule "start" when not Counter() then insert(new Counter(0)); end
            rule "runaway" when $c : Counter(n >= 0)
            then modify($c) { setN($c.getN() + 1) } scorecard.add(1, "again"); end
            """;

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private final RuleEvaluator evaluator = new RuleEvaluator(new EvaluationLimits(100, 10));

    @Test
    void thresholdRulesTurnTheScoreIntoADecision() {
        Evaluation<ScoredDecision> evaluation = evaluate(scoring("big", "$s : String(length > 3)", 750), "hello");

        assertThat(evaluation.outcome().score()).isEqualTo(750);
        assertThat(evaluation.outcome().decision()).isEqualTo(Decision.DECLINE);
        assertThat(evaluation.outcome().reasons()).containsExactly(
                new ScoredDecision.Reason("big", 750, "detail"),
                new ScoredDecision.Reason("decline-threshold", 0, "score 750 decides DECLINE"));
        assertThat(evaluation.firedRules()).containsExactly("big", "decline-threshold");
    }

    @Test
    void approvesWhenNoScoringRuleFires() {
        Evaluation<ScoredDecision> evaluation = evaluate(scoring("big", "String(length > 3)", 750), "hi");

        assertThat(evaluation.outcome().score()).isZero();
        assertThat(evaluation.outcome().decision()).isEqualTo(Decision.APPROVE);
        assertThat(evaluation.outcome().reasons()).extracting(ScoredDecision.Reason::ruleId)
                .containsExactly("approve-threshold");
    }

    @Test
    void scoreIsCappedAtOneThousand() {
        String rules = scoring("a", "String()", 800) + scoring("b", "String()", 800).replace(HEADER, "");

        assertThat(evaluate(rules, "x").outcome().score()).isEqualTo(Scorecard.MAX_SCORE);
    }

    @Test
    void reviewsWithAReasonWhenNoThresholdRuleDecides() {
        CompiledRuleSet ruleSet = compiler.compile("t", 1, Map.of("scoring.drl", scoring("a", "String()", 10)));

        Evaluation<ScoredDecision> evaluation = evaluator.evaluate(ruleSet, FraudScorer.KIND, List.of("x"));

        assertThat(evaluation.outcome().decision()).isEqualTo(Decision.REVIEW);
        assertThat(evaluation.outcome().reasons()).extracting(ScoredDecision.Reason::ruleId)
                .containsExactly("a", "no-threshold");
    }

    @Test
    void ruleThatThrowsGivesReviewWithItsRuleIdAsReason() {
        String rules = HEADER + """
                rule "boom" when String() then throw new IllegalStateException("kaput"); end
                """;

        Evaluation<ScoredDecision> evaluation = evaluate(rules, "x");

        assertThat(evaluation.outcome().decision()).isEqualTo(Decision.REVIEW);
        assertThat(evaluation.outcome().reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.ruleId()).isEqualTo("boom");
            assertThat(reason.detail()).contains("IllegalStateException", "kaput");
        });
    }

    @Test
    void ruleWhoseConditionThrowsGivesReviewWithEngineError() {
        String rules = HEADER + """
                rule "bad-condition" when String(Integer.parseInt(this) > 3) then scorecard.add(1, "never"); end
                """;

        Evaluation<ScoredDecision> evaluation = evaluate(rules, "not a number");

        assertThat(evaluation.outcome().decision()).isEqualTo(Decision.REVIEW);
        assertThat(evaluation.outcome().reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.ruleId()).isEqualTo("engine-error");
            assertThat(reason.detail()).contains("NumberFormatException");
        });
    }

    @Test
    void runawayRuleIsCutOffByTheFireLimit() {

        Evaluation<ScoredDecision> evaluation = evaluate(RUNAWAY, "x");

        assertThat(evaluation.outcome().decision()).isEqualTo(Decision.REVIEW);
        assertThat(evaluation.outcome().reasons()).hasSize(11).last().satisfies(reason -> {
            assertThat(reason.ruleId()).isEqualTo("fire-limit");
            assertThat(reason.detail()).contains("runaway");
        });
    }

    @Test
    void mostSevereThresholdDecisionWins() {
        String rules = HEADER + """
                rule "always-review" ruleflow-group "thresholds"
                when Scorecard() then scorecard.decide(Decision.REVIEW); end
                """;

        assertThat(evaluate(rules, "x").outcome().decision()).isEqualTo(Decision.REVIEW);
    }

    @Test
    void evaluationAfterOneThatFailedStartsWithNoFactsOrReasonsLeft() {
        String rules = scoring("big", "String(length > 3)", 750)
                + "rule \"boom\" when String(this == \"boom\") then throw new IllegalStateException(\"kaput\"); end\n";
        CompiledRuleSet ruleSet = compiler.compile("t", 1,
                Map.of("scoring.drl", rules, "thresholds.drl", THRESHOLDS));

        assertThat(evaluator.evaluate(ruleSet, FraudScorer.KIND, List.of("boom")).outcome().decision())
                .isEqualTo(Decision.REVIEW);
        assertThat(evaluator.evaluate(ruleSet, FraudScorer.KIND, List.of("hello")).outcome().decision())
                .isEqualTo(Decision.DECLINE);
        Evaluation<ScoredDecision> quiet = evaluator.evaluate(ruleSet, FraudScorer.KIND, List.of("hi"));

        assertThat(quiet.outcome().score()).isZero();
        assertThat(quiet.outcome().decision()).isEqualTo(Decision.APPROVE);
        assertThat(quiet.outcome().reasons()).extracting(ScoredDecision.Reason::ruleId)
                .containsExactly("approve-threshold");
        assertThat(quiet.firedRules()).containsExactly("approve-threshold");
    }

    @Test
    void evaluationAfterOneCutOffByTheFireLimitStartsAfresh() {
        CompiledRuleSet ruleSet = compiler.compile("t", 1,
                Map.of("scoring.drl", RUNAWAY, "thresholds.drl", THRESHOLDS));

        Evaluation<ScoredDecision> first = evaluator.evaluate(ruleSet, FraudScorer.KIND, List.of("x"));
        Evaluation<ScoredDecision> second = evaluator.evaluate(ruleSet, FraudScorer.KIND, List.of("x"));

        assertThat(second).isEqualTo(first);
        assertThat(second.firedRules()).containsExactly("start", "runaway");
    }

    @Test
    void testCaseExpectsATypedDecisionAndAScore() {
        ScoredDecision declined = new ScoredDecision(750, Decision.DECLINE, List.of());

        assertThat(FraudScorer.KIND.check(Map.of("decision", "DECLINE", "score", 750), declined)).isEmpty();
        assertThat(FraudScorer.KIND.check(Map.of("decision", "REVIEW", "score", 700), declined)).containsExactly(
                "expected decision REVIEW but was DECLINE (score 750, reasons [])",
                "expected score 700 but was 750 (reasons [])");
    }

    @Test
    void misspeltDecisionInATestCaseIsAMalformedCase() {
        ScoredDecision declined = new ScoredDecision(750, Decision.DECLINE, List.of());

        assertThatThrownBy(() -> FraudScorer.KIND.check(Map.of("decision", "DECLNE"), declined))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'DECLNE'");
    }

    @Test
    void misspeltDecisionInARuleIsRejectedWhenCompiled() {
        String rules = HEADER + """
                rule "typo" ruleflow-group "thresholds" when Scorecard() then scorecard.decide(Decision.DECLNE); end
                """;

        assertThatThrownBy(() -> compiler.compile("t", 1, Map.of("typo.drl", rules)))
                .isInstanceOf(RuleSetRejectedException.class).hasMessageContaining("typo.drl");
    }

    static String scoring(String ruleName, String condition, int points) {
        return HEADER + "rule \"" + ruleName + "\" when " + condition + " then scorecard.add(" + points
                + ", \"detail\"); end\n";
    }

    private Evaluation<ScoredDecision> evaluate(String rules, Object... facts) {
        CompiledRuleSet ruleSet = compiler.compile("t", 1,
                Map.of("scoring.drl", rules, "thresholds.drl", THRESHOLDS));
        return evaluator.evaluate(ruleSet, FraudScorer.KIND, List.of(facts));
    }
}
