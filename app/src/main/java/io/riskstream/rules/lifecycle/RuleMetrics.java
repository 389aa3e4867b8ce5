package io.riskstream.rules.lifecycle;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.riskstream.rules.engine.Evaluation;
import io.riskstream.rules.engine.RuleObserver;

/**
 * Rule metrics for Prometheus: {@code riskstream.rules.hits{ruleset,rule}} (evaluations a rule fired in,
 * across versions), {@code riskstream.rules.evaluation{ruleset}} and {@code riskstream.rules.compile{ruleset,
 * outcome}} timers (every compilation: publications and dry runs too), {@code riskstream.rules.unreadable{reason}}:
 * records of {@code rulesets} skipped because they are not a usable ruleset, {@code riskstream.rules.rejected{ruleset}}:
 * published versions this instance could not activate, and {@code riskstream.rules.active.version{ruleset}}: the
 * version deciding (0 while none is).
 */
final class RuleMetrics implements RuleObserver {

    static final String HITS = "riskstream.rules.hits";
    static final String EVALUATION = "riskstream.rules.evaluation";
    static final String COMPILE = "riskstream.rules.compile";
    static final String UNREADABLE = "riskstream.rules.unreadable";
    static final String ACTIVE_VERSION = "riskstream.rules.active.version";
    static final String REJECTED = "riskstream.rules.rejected";

    private final MeterRegistry meters;
    /** By ruleset, then rule: a key made of both would be a new string per fired rule of every evaluation. */
    private final Map<String, Map<String, Counter>> hits = new ConcurrentHashMap<>();
    private final Map<String, Timer> evaluations = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<RuleSetDistribution.Unreadable, Counter> unreadable =
            new EnumMap<>(RuleSetDistribution.Unreadable.class);

    RuleMetrics(MeterRegistry meters) {
        this.meters = meters;
        // Every reason from the start, at zero: an alert on its increase needs the series before the first one.
        for (RuleSetDistribution.Unreadable reason : RuleSetDistribution.Unreadable.values()) {
            unreadable.put(reason, meters.counter(UNREADABLE, "reason", reason.tag()));
        }
    }

    @Override
    public void evaluated(Evaluation<?> evaluation, long nanos) {
        String ruleset = evaluation.ruleSetName();
        evaluations.computeIfAbsent(ruleset, name -> meters.timer(EVALUATION, "ruleset", name))
                .record(nanos, TimeUnit.NANOSECONDS);
        Map<String, Counter> rules = hits.computeIfAbsent(ruleset, name -> new ConcurrentHashMap<>());
        for (String rule : evaluation.firedRules()) {
            rules.computeIfAbsent(rule, name -> meters.counter(HITS, "ruleset", ruleset, "rule", name)).increment();
        }
    }

    @Override
    public void compiled(String ruleset, long nanos, boolean accepted) {
        meters.timer(COMPILE, "ruleset", ruleset, "outcome", accepted ? "accepted" : "rejected")
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The per-ruleset meters of the declared {@code rulesets}, from the start: the rejected versions at zero (an alert
     * on their increase needs the series before the first), and the active version as {@code active} has it.
     */
    void declared(Collection<String> rulesets, ActiveRuleSets active) {
        for (String ruleset : rulesets) {
            rejected(ruleset);
            Gauge.builder(ACTIVE_VERSION, active, current -> current.current(ruleset)
                            .map(version -> (double) version.ruleSet().version()).orElse(0.0))
                    .description("the version of the ruleset deciding, 0 while none is").tag("ruleset", ruleset)
                    .register(meters);
        }
    }

    /** A published version of {@code ruleset} this instance could not activate: it does not compile here. */
    void rejectedVersion(String ruleset) {
        rejected(ruleset).increment();
    }

    private Counter rejected(String ruleset) {
        return rejected.computeIfAbsent(ruleset, name -> meters.counter(REJECTED, "ruleset", name));
    }

    void unreadable(RuleSetDistribution.Unreadable reason) {
        unreadable.get(reason).increment();
    }
}
