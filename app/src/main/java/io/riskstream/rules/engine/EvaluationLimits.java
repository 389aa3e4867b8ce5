package io.riskstream.rules.engine;

/**
 * Bounds on one evaluation: a runaway rule is cut off after {@code maxFirings} rule firings, and at most
 * {@code maxReasons} reasons are kept (a decision record must stay small whatever the rules do).
 */
public record EvaluationLimits(int maxFirings, int maxReasons) {

    public static final EvaluationLimits DEFAULTS = new EvaluationLimits(1000, 50);

    public EvaluationLimits {
        if (maxFirings < 1 || maxReasons < 1) {
            throw new IllegalArgumentException("maxFirings and maxReasons must be at least 1");
        }
    }
}
