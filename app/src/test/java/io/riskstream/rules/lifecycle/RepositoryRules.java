package io.riskstream.rules.lifecycle;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.riskstream.rules.engine.DeclaredRuleSet;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.RuleSetTestCases;

/** The repository's own rulesets ({@code ../rules} from the app module), for tests that decide with them. */
public final class RepositoryRules {

    public static final Path ROOT = Path.of("..", "rules");

    private RepositoryRules() {
    }

    /** The declared ruleset, compiled from its files, its test cases passed, and active as {@code version}. */
    public static ActiveRuleSets active(DeclaredRuleSet<?> ruleSet, long version, Clock clock) {
        RuleEvaluator evaluator = new RuleEvaluator(EvaluationLimits.DEFAULTS);
        RuleSetCompiler compiler = new RuleSetCompiler();
        ActiveRuleSets rules = new ActiveRuleSets(evaluator, clock);
        rules.activate(new RuleSetLoader(ROOT, compiler, new RuleSetTestCases(compiler, evaluator, List.of(ruleSet)))
                .load(ruleSet.name(), version));
        return rules;
    }
}
