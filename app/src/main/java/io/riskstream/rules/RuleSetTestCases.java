package io.riskstream.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs a ruleset's test cases ({@code tests/*.yaml}, format in docs/rules.md) and says what differed.
 * Besides each case's expectations, every rule must be fired by at least one case and left unfired by
 * at least one other, so a rule without tests fails too. Publishing runs this, and so does the build.
 */
public final class RuleSetTestCases {

    /** What one case (or the coverage check, or a malformed file) got wrong. */
    public record Failure(String file, String caseName, String problem) {
        @Override
        public String toString() {
            return file + " / " + caseName + ": " + problem;
        }
    }

    private static final String COVERAGE = "(coverage)";

    private final RuleSetCompiler compiler;
    private final RuleEvaluator evaluator;
    private final Map<String, CaseFacts> factsByRuleSet;

    /** @param factsByRuleSet the fact model of each ruleset name, e.g. {@code fraud -> FraudCaseFacts} */
    public RuleSetTestCases(RuleSetCompiler compiler, RuleEvaluator evaluator, Map<String, CaseFacts> factsByRuleSet) {
        this.compiler = compiler;
        this.evaluator = evaluator;
        this.factsByRuleSet = Map.copyOf(factsByRuleSet);
    }

    /**
     * Compiles the ruleset (version 0: a trial) and runs its cases.
     *
     * @throws RuleSetRejectedException if the DRL does not compile
     */
    public List<Failure> run(RuleSetFiles files) {
        return run(compiler.compile(files.name(), 0, files.drl()), files.tests());
    }

    /**
     * Runs the cases and rejects the ruleset if any fails: what publishing calls before it publishes.
     *
     * @throws RuleSetRejectedException naming every failing case and what differed
     */
    public void verify(CompiledRuleSet ruleSet, Map<String, String> testFiles) {
        List<Failure> failures = run(ruleSet, testFiles);
        if (!failures.isEmpty()) {
            throw new RuleSetRejectedException(ruleSet.name(), failures.stream().map(Failure::toString).toList());
        }
    }

    /** Runs the cases of {@code testFiles} (YAML text by file name) against a compiled ruleset. */
    public List<Failure> run(CompiledRuleSet ruleSet, Map<String, String> testFiles) {
        List<Failure> failures = new ArrayList<>();
        CaseFacts facts = factsByRuleSet.get(ruleSet.name());
        if (facts == null) {
            failures.add(new Failure("-", COVERAGE, "no test-case fact model registered for ruleset '"
                    + ruleSet.name() + "'"));
            return failures;
        }
        Set<String> firedSomewhere = new TreeSet<>();
        Set<String> unfiredSomewhere = new TreeSet<>();
        for (Map.Entry<String, String> file : new TreeMap<>(testFiles).entrySet()) {
            List<TestCase> cases;
            try {
                cases = TestCase.parseFile(file.getValue());
            } catch (IllegalArgumentException | ClassCastException e) {
                failures.add(new Failure(file.getKey(), "-", "malformed test file: " + e.getMessage()));
                continue;
            }
            for (TestCase testCase : cases) {
                List<String> problems = new ArrayList<>();
                try {
                    Evaluation evaluation = evaluator.evaluate(ruleSet,
                            facts.facts(testCase.given(), testCase.defaults()));
                    problems.addAll(testCase.check(evaluation, ruleSet.ruleNames()));
                    firedSomewhere.addAll(evaluation.firedRules());
                    Set<String> unfired = new LinkedHashSet<>(ruleSet.ruleNames());
                    evaluation.firedRules().forEach(unfired::remove);
                    unfiredSomewhere.addAll(unfired);
                } catch (IllegalArgumentException | ClassCastException e) {
                    problems.add("malformed case: " + e.getMessage());
                }
                problems.forEach(problem -> failures.add(new Failure(file.getKey(), testCase.name(), problem)));
            }
        }
        for (String rule : ruleSet.ruleNames()) {
            if (!firedSomewhere.contains(rule)) {
                failures.add(new Failure("-", COVERAGE, "rule '" + rule + "' is fired by no test case"));
            }
            if (!unfiredSomewhere.contains(rule)) {
                failures.add(new Failure("-", COVERAGE, "rule '" + rule + "' fires in every test case"));
            }
        }
        return failures;
    }
}
