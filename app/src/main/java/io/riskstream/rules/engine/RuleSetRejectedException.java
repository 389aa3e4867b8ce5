package io.riskstream.rules.engine;

import java.util.List;

/**
 * A ruleset that must not become active: it does not compile, is empty, or fails its test cases. The
 * message lists every problem, each naming the file and line where known.
 */
public class RuleSetRejectedException extends RuntimeException {

    private final String ruleSetName;
    private final List<String> problems;

    public RuleSetRejectedException(String ruleSetName, List<String> problems) {
        super("Ruleset '" + ruleSetName + "' rejected:\n  " + String.join("\n  ", problems));
        this.ruleSetName = ruleSetName;
        this.problems = List.copyOf(problems);
    }

    public String ruleSetName() {
        return ruleSetName;
    }

    /** One line per problem, e.g. {@code velocity.drl:12: [ERR 102] mismatched input ...}. */
    public List<String> problems() {
        return problems;
    }
}
