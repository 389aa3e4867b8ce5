package io.riskstream.rules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Rule metrics for Prometheus: {@code riskstream.rules.hits{ruleset,rule}} (evaluations a rule fired in,
 * across versions), {@code riskstream.rules.evaluation{ruleset}} and {@code riskstream.rules.compile{ruleset,
 * outcome}} timers.
 */
final class RuleMetrics implements RuleObserver {

    static final String HITS = "riskstream.rules.hits";
    static final String EVALUATION = "riskstream.rules.evaluation";
    static final String COMPILE = "riskstream.rules.compile";

    private final MeterRegistry meters;
    private final Map<String, Counter> hits = new ConcurrentHashMap<>();
    private final Map<String, Timer> evaluations = new ConcurrentHashMap<>();

    RuleMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void evaluated(Evaluation evaluation, long nanos) {
        String ruleset = evaluation.ruleSetName();
        evaluations.computeIfAbsent(ruleset, name -> meters.timer(EVALUATION, "ruleset", name))
                .record(nanos, TimeUnit.NANOSECONDS);
        for (String rule : evaluation.firedRules()) {
            hits.computeIfAbsent(ruleset + '\u0000' + rule,
                    key -> meters.counter(HITS, "ruleset", ruleset, "rule", rule)).increment();
        }
    }

    @Override
    public void compiled(String ruleset, long nanos, boolean accepted) {
        meters.timer(COMPILE, "ruleset", ruleset, "outcome", accepted ? "accepted" : "rejected")
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
