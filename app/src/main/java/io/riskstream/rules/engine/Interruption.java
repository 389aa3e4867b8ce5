package io.riskstream.rules.engine;

/**
 * Why the engine cut an evaluation short.
 *
 * @param ruleId the failing rule's name, {@value RuleEvaluator#ENGINE_ERROR} when no rule can be blamed, or
 *               {@value RuleEvaluator#FIRE_LIMIT}
 * @param detail what happened, for a person
 */
public record Interruption(String ruleId, String detail) {
}
