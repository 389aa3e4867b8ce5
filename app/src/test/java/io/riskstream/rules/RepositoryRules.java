package io.riskstream.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The repository's own rulesets ({@code ../rules} from the app module), for tests that decide with them. */
public final class RepositoryRules {

    public static final Path ROOT = Path.of("..", "rules");

    private RepositoryRules() {
    }

    /** Ruleset {@code name}, compiled, its test cases passed, and active as {@code version}. */
    public static ActiveRuleSets active(String name, CaseFacts facts, long version, Clock clock) {
        RuleEvaluator evaluator = new RuleEvaluator(EvaluationLimits.DEFAULTS);
        RuleSetCompiler compiler = new RuleSetCompiler();
        ActiveRuleSets rules = new ActiveRuleSets(evaluator, clock);
        rules.activate(new RuleSetLoader(ROOT, compiler, new RuleSetTestCases(compiler, evaluator, Map.of(name, facts)))
                .load(name, version));
        return rules;
    }
}
