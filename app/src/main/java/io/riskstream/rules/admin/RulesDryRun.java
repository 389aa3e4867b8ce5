package io.riskstream.rules.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.DeclaredRuleSet;
import io.riskstream.rules.engine.Evaluation;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.RuleSetRejectedException;

/**
 * Evaluates cases against candidate files without publishing anything: the rule author's "what would these
 * rules decide?". A case is a test case's {@code given} (for fraud: a transaction and the card's history).
 */
final class RulesDryRun {

    private final RuleSetCompiler compiler;
    private final RuleEvaluator evaluator;
    private final Map<String, DeclaredRuleSet<?>> declared;

    RulesDryRun(RuleSetCompiler compiler, RuleEvaluator evaluator, List<DeclaredRuleSet<?>> declared) {
        this.compiler = compiler;
        this.evaluator = evaluator;
        this.declared = DeclaredRuleSet.byName(declared);
    }

    /**
     * One result per case: what the ruleset's kind shows of the outcome (for fraud the score, the decision and
     * the reasons) and {@code firedRules}.
     *
     * @throws RuleSetRejectedException if the files do not compile
     * @throws IllegalArgumentException for an unknown ruleset or a malformed case
     */
    List<Map<String, Object>> evaluate(String ruleset, Map<String, String> files, List<Map<String, Object>> cases) {
        DeclaredRuleSet<?> ruleSet = declared.get(ruleset);
        if (ruleSet == null) {
            throw new IllegalArgumentException("unknown ruleset '" + ruleset + "'; known: "
                    + declared.keySet().stream().sorted().toList());
        }
        CompiledRuleSet candidate = compiler.compile(ruleset, 0, files);
        return cases.stream().map(given -> result(candidate, ruleSet, given)).toList();
    }

    private <R> Map<String, Object> result(CompiledRuleSet candidate, DeclaredRuleSet<R> ruleSet,
                                           Map<String, Object> given) {
        Evaluation<R> evaluation = evaluator.evaluate(candidate, ruleSet.kind(),
                ruleSet.caseFacts().facts(given, Map.of()));
        Map<String, Object> result = new LinkedHashMap<>(ruleSet.kind().describe(evaluation.outcome()));
        result.put("firedRules", evaluation.firedRules());
        return result;
    }
}
