package io.riskstream.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetTestCasesTest {

    /** Facts of the toy ruleset: the string under {@code given.word}. */
    private static final CaseFacts WORD = (given, defaults) -> List.of(given.getOrDefault("word", defaults.get("word")));

    private static final Map<String, String> RULES = Map.of(
            "scoring.drl", RuleEvaluatorTest.scoring("long-word", "String(length > 3)", 400),
            "thresholds.drl", RuleEvaluatorTest.THRESHOLDS);

    private final RuleSetTestCases testCases = new RuleSetTestCases(new RuleSetCompiler(),
            new RuleEvaluator(EvaluationLimits.DEFAULTS), Map.of("words", WORD));

    @Test
    void passingCasesGiveNoFailures() {
        String yaml = """
                defaults: {word: hi}
                cases:
                  - name: long word is reviewed
                    given: {word: hello}
                    expect: {fires: [long-word, review-threshold], decision: REVIEW}
                  - name: short word is approved
                    expect: {doesNotFire: [long-word], decision: APPROVE}
                  - name: nothing is declined
                    given: {word: x}
                    expect: {fires: [approve-threshold], doesNotFire: [decline-threshold]}
                """;

        assertThat(run(yaml)).extracting(RuleSetTestCases.Failure::problem)
                .containsExactly("rule 'decline-threshold' is fired by no test case");
    }

    @Test
    void failureNamesTheCaseAndWhatDiffered() {
        String yaml = """
                cases:
                  - name: wrong expectations
                    given: {word: hello}
                    expect: {doesNotFire: [long-word], decision: APPROVE}
                """;

        assertThat(run(yaml)).filteredOn(failure -> failure.caseName().equals("wrong expectations"))
                .extracting(RuleSetTestCases.Failure::problem)
                .anySatisfy(problem -> assertThat(problem).startsWith("expected 'long-word' not to fire"))
                .anySatisfy(problem -> assertThat(problem).startsWith("expected decision APPROVE but was REVIEW"));
    }

    @Test
    void unknownRuleIdAndUnknownKeysAreReported() {
        String typoRule = """
                cases:
                  - name: typo
                    given: {word: hello}
                    expect: {fires: [long-wrod]}
                """;
        String typoKey = """
                cases:
                  - name: typo
                    expect: {fire: [long-word]}
                """;

        assertThat(run(typoRule)).extracting(RuleSetTestCases.Failure::problem)
                .contains("expects unknown rule 'long-wrod' to fire");
        assertThat(run(typoKey)).extracting(RuleSetTestCases.Failure::problem)
                .anySatisfy(problem -> assertThat(problem).contains("unknown key 'fire'"));
    }

    @Test
    void verifyRejectsTheRuleSetNamingTheFailingCase() {
        String yaml = """
                cases:
                  - name: wrong decision
                    given: {word: hello}
                    expect: {decision: DECLINE}
                """;
        CompiledRuleSet ruleSet = new RuleSetCompiler().compile("words", 3, RULES);

        assertThatThrownBy(() -> testCases.verify(ruleSet, Map.of("words.yaml", yaml)))
                .isInstanceOf(RuleSetRejectedException.class)
                .hasMessageContaining("words.yaml / wrong decision: expected decision DECLINE but was REVIEW");
    }

    private List<RuleSetTestCases.Failure> run(String yaml) {
        return testCases.run(new RuleSetFiles("words", RULES, Map.of("words.yaml", yaml)));
    }
}
