package io.riskstream.rules;

import java.util.List;
import java.util.Map;

/**
 * Evaluates cases against candidate files without publishing anything: the rule author's "what would these
 * rules decide?". A case is a test case's {@code given} (for fraud: a transaction and the card's history).
 */
public final class RulesDryRun {

    /** The decision on one case. */
    public record Result(int score, String decision, List<Evaluation.Reason> reasons, List<String> firedRules) {
    }

    private final RuleSetCompiler compiler;
    private final RuleEvaluator evaluator;
    private final Map<String, CaseFacts> factsByRuleSet;

    public RulesDryRun(RuleSetCompiler compiler, RuleEvaluator evaluator, Map<String, CaseFacts> factsByRuleSet) {
        this.compiler = compiler;
        this.evaluator = evaluator;
        this.factsByRuleSet = Map.copyOf(factsByRuleSet);
    }

    /**
     * @throws RuleSetRejectedException if the files do not compile
     * @throws IllegalArgumentException for an unknown ruleset or a malformed case
     */
    public List<Result> evaluate(String ruleset, Map<String, String> files, List<Map<String, Object>> cases) {
        CaseFacts facts = factsByRuleSet.get(ruleset);
        if (facts == null) {
            throw new IllegalArgumentException("unknown ruleset '" + ruleset + "'; known: " + factsByRuleSet.keySet());
        }
        CompiledRuleSet candidate = compiler.compile(ruleset, 0, files);
        return cases.stream().map(given -> {
            Evaluation evaluation = evaluator.evaluate(candidate, facts.facts(given, Map.of()));
            return new Result(evaluation.score(), evaluation.decision().name(), evaluation.reasons(),
                    evaluation.firedRules());
        }).toList();
    }
}
