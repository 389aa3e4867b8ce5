package io.riskstream.rules.engine;

import java.util.List;

/**
 * What evaluating one event against one ruleset version came to.
 *
 * @param outcome    what the ruleset's kind makes of it (see {@link RuleSetKind})
 * @param firedRules distinct names of the rules that fired, in firing order
 */
public record Evaluation<R>(String ruleSetName, long ruleSetVersion, R outcome, List<String> firedRules) {

    public Evaluation {
        firedRules = List.copyOf(firedRules);
    }

    public boolean fired(String ruleName) {
        return firedRules.contains(ruleName);
    }
}
