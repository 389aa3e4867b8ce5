package io.riskstream.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    static final String RUNAWAY = TestDrl.HEADER + """
            declare Counter n : int end
            rule "start" when not Counter() then insert(new Counter(0)); end
            rule "runaway" when $c : Counter(n >= 0) then modify($c) { setN($c.getN() + 1) } end
            """;

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private final RuleEvaluator evaluator = new RuleEvaluator(new EvaluationLimits(100, 10));

    @Test
    void aRuleSetThatAlertsByFiringSaysWhichRulesFiredAndNothingElse() {
        CompiledRuleSet ruleSet = compile(TestDrl.rule("long-word", "String(length > 3)")
                + TestDrl.rules("any-word", "String()"));

        Evaluation<FiredRules> fired = evaluator.evaluate(ruleSet, FiredRules.KIND, List.of("hello"));
        Evaluation<FiredRules> quiet = evaluator.evaluate(compile(TestDrl.rule("long-word", "String(length > 3)")),
                FiredRules.KIND, List.of("hi"));

        assertThat(fired.outcome().rules()).containsExactlyInAnyOrder("long-word", "any-word");
        assertThat(fired.outcome().interruption()).isNull();
        assertThat(fired.firedRules()).isEqualTo(fired.outcome().rules());
        assertThat(fired.ruleSetName()).isEqualTo("t");
        assertThat(fired.ruleSetVersion()).isEqualTo(1);
        assertThat(quiet.outcome().decidingRule()).isEmpty();
        assertThat(quiet.outcome().interruption()).isNull();
    }

    @Test
    void ruleThatThrowsInterruptsTheEvaluationNamingItAndCountsAsFiredButDecidesNothing() {
        String rules = TestDrl.HEADER + """
                rule "boom" when String() then throw new IllegalStateException("kaput"); end
                """;

        FiredRules outcome = evaluator.evaluate(compile(rules), FiredRules.KIND, List.of("x")).outcome();

        assertThat(outcome.rules()).containsExactly("boom");
        assertThat(outcome.interruption().ruleId()).isEqualTo("boom");
        assertThat(outcome.interruption().detail()).contains("IllegalStateException", "kaput");
        assertThat(outcome.decidingRule()).isEmpty();
    }

    @Test
    void conditionThatThrowsInterruptsTheEvaluationAsAnEngineError() {
        String rules = TestDrl.rule("bad-condition", "String(Integer.parseInt(this) > 3)");

        FiredRules outcome = evaluator.evaluate(compile(rules), FiredRules.KIND, List.of("not a number")).outcome();

        assertThat(outcome.interruption().ruleId()).isEqualTo(RuleEvaluator.ENGINE_ERROR);
        assertThat(outcome.interruption().detail()).contains("NumberFormatException");
    }

    @Test
    void runawayRuleIsCutOffByTheFireLimit() {
        FiredRules outcome = evaluator.evaluate(compile(RUNAWAY), FiredRules.KIND, List.of("x")).outcome();

        assertThat(outcome.interruption().ruleId()).isEqualTo(RuleEvaluator.FIRE_LIMIT);
        assertThat(outcome.interruption().detail()).contains("100", "runaway");
        assertThat(outcome.rules()).containsExactly("start", "runaway");
        assertThat(outcome.decidingRule()).isEmpty();
    }

    @Test
    void sessionsAreReusedButAnEvaluationMeetsNoFactRuleOrFailureOfAnEarlierOne() {
        String rules = TestDrl.HEADER + """
                rule "boom" when String(this == "boom") then throw new IllegalStateException("kaput"); end
                rule "two-words" when String(this == "x") String(this == "y") then end
                rule "long-word" when String(length > 3) then end
                """;
        CompiledRuleSet ruleSet = compile(rules);

        for (int round = 0; round < 5; round++) {
            evaluator.evaluate(ruleSet, FiredRules.KIND, List.of("hello", "world"));
            evaluator.evaluate(ruleSet, FiredRules.KIND, List.of("boom"));
            assertThat(evaluator.evaluate(ruleSet, FiredRules.KIND, List.of("x", "y")).outcome().rules())
                    .containsExactly("two-words");
            FiredRules alone = evaluator.evaluate(ruleSet, FiredRules.KIND, List.of("x")).outcome();

            assertThat(alone.rules()).isEmpty();
            assertThat(alone.interruption()).isNull();
            assertThat(evaluator.evaluate(ruleSet, FiredRules.KIND, List.of("hello")).outcome().rules())
                    .containsExactly("long-word");
        }
    }

    @Test
    void evaluationAfterOneCutOffByTheFireLimitStartsAfresh() {
        CompiledRuleSet ruleSet = compile(RUNAWAY);

        Evaluation<FiredRules> first = evaluator.evaluate(ruleSet, FiredRules.KIND, List.of("x"));
        Evaluation<FiredRules> second = evaluator.evaluate(ruleSet, FiredRules.KIND, List.of("x"));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void closingPhaseFiresItsGroupAfterTheMainRulesWithTheKindsGlobals() {
        String rules = TestDrl.HEADER + """
                global java.util.List seen;
                rule "main" when String() then seen.add("main"); end
                rule "closing" ruleflow-group "closing" when Integer() then seen.add("closing"); end
                """;
        List<String> seen = new ArrayList<>();

        Evaluation<List<String>> evaluation = evaluator.evaluate(compile(rules), recording(seen), List.of("x"));

        assertThat(evaluation.outcome()).containsExactly("main", "closing");
        assertThat(evaluation.firedRules()).containsExactly("main", "closing");
    }

    @Test
    void globalsTheRuleSetDoesNotDeclareAreNotSet() {
        List<String> seen = new ArrayList<>();

        Evaluation<List<String>> evaluation = evaluator.evaluate(compile(TestDrl.rule("main", "String()")),
                recording(seen), List.of("x"));

        assertThat(evaluation.firedRules()).containsExactly("main");
        assertThat(evaluation.outcome()).isEmpty();
    }

    /** A kind whose rules write to the global {@code seen}; its closing phase inserts 1 and fires "closing". */
    private static RuleSetKind<List<String>> recording(List<String> seen) {
        return limits -> new RuleSetKind.Run<>() {
            @Override
            public Map<String, Object> globals() {
                return Map.of("seen", seen);
            }

            @Override
            public RuleSetKind.Phase closingPhase() {
                return new RuleSetKind.Phase("closing", List.of(1));
            }

            @Override
            public List<String> completed(List<String> firedRules) {
                return List.copyOf(seen);
            }

            @Override
            public List<String> interrupted(Interruption why, List<String> firedRules) {
                throw new AssertionError(why);
            }
        };
    }

    private CompiledRuleSet compile(String rules) {
        return compiler.compile("t", 1, Map.of("rules.drl", rules));
    }
}
