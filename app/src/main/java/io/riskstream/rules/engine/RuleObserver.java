package io.riskstream.rules.engine;

/** Told of every evaluation and compilation, for metrics. */
public interface RuleObserver {

    RuleObserver NONE = new RuleObserver() {
    };

    default void evaluated(Evaluation<?> evaluation, long nanos) {
    }

    default void compiled(String ruleset, long nanos, boolean accepted) {
    }
}
