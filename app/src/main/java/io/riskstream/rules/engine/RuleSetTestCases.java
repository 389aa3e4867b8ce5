package io.riskstream.rules.engine;

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
    private final Map<String, DeclaredRuleSet<?>> declared;

    /** @param declared the rulesets whose cases can be run: each one's kind and fact model */
    public RuleSetTestCases(RuleSetCompiler compiler, RuleEvaluator evaluator, List<DeclaredRuleSet<?>> declared) {
        this.compiler = compiler;
        this.evaluator = evaluator;
        this.declared = DeclaredRuleSet.byName(declared);
    }

    /**
     * Compiles the ruleset {@code name} (version 0: a trial) and runs its cases.
     *
     * @param drl   DRL text by file name
     * @param tests YAML text by file name
     * @throws RuleSetRejectedException if the DRL does not compile
     */
    public List<Failure> run(String name, Map<String, String> drl, Map<String, String> tests) {
        return run(compiler.compile(name, 0, drl), tests);
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
        DeclaredRuleSet<?> ruleSetType = declared.get(ruleSet.name());
        if (ruleSetType == null) {
            return List.of(new Failure("-", COVERAGE, "no declared ruleset '" + ruleSet.name()
                    + "' (with its kind and test-case fact model)"));
        }
        return run(ruleSet, ruleSetType, testFiles);
    }

    private <R> List<Failure> run(CompiledRuleSet ruleSet, DeclaredRuleSet<R> ruleSetType,
                                  Map<String, String> testFiles) {
        List<Failure> failures = new ArrayList<>();
        Set<String> firedSomewhere = new TreeSet<>();
        Set<String> unfiredSomewhere = new TreeSet<>();
        for (Map.Entry<String, String> file : new TreeMap<>(testFiles).entrySet()) {
            List<TestCase> cases;
            try {
                cases = TestCase.parseFile(file.getValue(), ruleSetType.kind().expectations());
            } catch (IllegalArgumentException | ClassCastException e) {
                failures.add(new Failure(file.getKey(), "-", "malformed test file: " + e.getMessage()));
                continue;
            }
            for (TestCase testCase : cases) {
                List<String> problems = new ArrayList<>();
                try {
                    Evaluation<R> evaluation = evaluator.evaluate(ruleSet, ruleSetType.kind(),
                            ruleSetType.caseFacts().facts(testCase.given(), testCase.defaults()));
                    problems.addAll(testCase.check(evaluation, ruleSetType.kind(), ruleSet.ruleNames()));
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
