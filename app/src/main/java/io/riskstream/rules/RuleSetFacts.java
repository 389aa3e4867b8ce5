package io.riskstream.rules;

/**
 * A ruleset the app evaluates, with the fact model of its test cases. Each capability that evaluates a
 * ruleset declares one as a bean; the rules lifecycle loads exactly these.
 *
 * @param name the ruleset's name, also its directory under the rules directory
 * @param caseFacts turns a test case's {@code given} into facts
 */
public record RuleSetFacts(String name, CaseFacts caseFacts) {
}
