package io.riskstream.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RuleSetTestCasesTest {

    /** Facts of the toy ruleset: the string under {@code given.word}. */
    private static final CaseFacts WORD = (given, defaults) -> List.of(given.getOrDefault("word", defaults.get("word")));

    private static final Map<String, String> RULES = Map.of("words.drl",
            TestDrl.rule("long-word", "String(length > 3)") + TestDrl.rules("x-word", "String(this == \"x\")"));

    private final RuleSetTestCases testCases = new RuleSetTestCases(new RuleSetCompiler(),
            new RuleEvaluator(EvaluationLimits.DEFAULTS),
            List.of(new DeclaredRuleSet<>("words", FiredRules.KIND, WORD)));

    @Test
    void passingCasesGiveNoFailuresButARuleNoCaseFires() {
        String yaml = """
                defaults: {word: hi}
                cases:
                  - name: long word alerts
                    given: {word: hello}
                    expect: {fires: [long-word], anyFires: true}
                  - name: short word does not
                    expect: {doesNotFire: [long-word], anyFires: false}
                """;

        assertThat(run(yaml)).extracting(RuleSetTestCases.Failure::problem)
                .containsExactly("rule 'x-word' is fired by no test case");
    }

    @Test
    void failureNamesTheCaseAndWhatDiffered() {
        String yaml = """
                cases:
                  - name: wrong expectations
                    given: {word: hello}
                    expect: {doesNotFire: [long-word], anyFires: false}
                """;

        assertThat(run(yaml)).filteredOn(failure -> failure.caseName().equals("wrong expectations"))
                .extracting(RuleSetTestCases.Failure::problem)
                .anySatisfy(problem -> assertThat(problem).startsWith("expected 'long-word' not to fire"))
                .anySatisfy(problem -> assertThat(problem).startsWith("expected no rule to fire; fired: [long-word]"));
    }

    @Test
    void unknownRuleIdAndKeysTheKindDoesNotKnowAreReported() {
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
        String otherKindsKey = """
                cases:
                  - name: a decision is no outcome of this kind
                    expect: {decision: DECLINE}
                """;

        assertThat(run(typoRule)).extracting(RuleSetTestCases.Failure::problem)
                .contains("expects unknown rule 'long-wrod' to fire");
        assertThat(run(typoKey)).extracting(RuleSetTestCases.Failure::problem)
                .anySatisfy(problem -> assertThat(problem).contains("unknown key 'fire'"));
        assertThat(run(otherKindsKey)).extracting(RuleSetTestCases.Failure::problem)
                .anySatisfy(problem -> assertThat(problem).contains("unknown key 'decision'")
                        .contains("[anyFires, doesNotFire, fires]"));
    }

    @Test
    void verifyRejectsTheRuleSetNamingTheFailingCase() {
        String yaml = """
                cases:
                  - name: wrong expectation
                    given: {word: hello}
                    expect: {anyFires: false}
                """;
        CompiledRuleSet ruleSet = new RuleSetCompiler().compile("words", 3, RULES);

        assertThatThrownBy(() -> testCases.verify(ruleSet, Map.of("words.yaml", yaml)))
                .isInstanceOf(RuleSetRejectedException.class)
                .hasMessageContaining("words.yaml / wrong expectation: expected no rule to fire");
    }

    @Test
    void rulesetNobodyDeclaredFailsWithoutRunningACase() {
        CompiledRuleSet ruleSet = new RuleSetCompiler().compile("payments", 1, RULES);

        assertThat(testCases.run(ruleSet, Map.of("a.yaml", "cases: [{name: a}]")))
                .extracting(RuleSetTestCases.Failure::problem)
                .singleElement().asString().contains("no declared ruleset 'payments'");
    }

    private List<RuleSetTestCases.Failure> run(String yaml) {
        return testCases.run("words", RULES, Map.of("words.yaml", yaml));
    }
}
