package io.riskstream.rules.engine;

import java.util.List;
import java.util.Map;

/**
 * Turns the {@code given} section of a rule test case into the facts its ruleset evaluates: each
 * ruleset has its own fact model, so each registers one of these with {@link RuleSetTestCases}.
 */
public interface CaseFacts {

    /**
     * @param given    the case's {@code given} map, as parsed from YAML
     * @param defaults the test file's {@code defaults} map (empty when absent)
     * @throws IllegalArgumentException with a message for the rule author when {@code given} is malformed
     */
    List<Object> facts(Map<String, Object> given, Map<String, Object> defaults);
}
