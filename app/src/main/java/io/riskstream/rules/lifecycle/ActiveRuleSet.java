package io.riskstream.rules.lifecycle;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.Evaluation;

/**
 * A ruleset version while it is active: when it was loaded and, per rule, in how many evaluations the
 * rule fired. A new version starts its counts at zero.
 */
public final class ActiveRuleSet {

    private final CompiledRuleSet ruleSet;
    private final Instant loadedAt;
    private final Map<String, LongAdder> hits = new ConcurrentHashMap<>();

    ActiveRuleSet(CompiledRuleSet ruleSet, Instant loadedAt) {
        this.ruleSet = ruleSet;
        this.loadedAt = loadedAt;
        ruleSet.ruleNames().forEach(rule -> hits.put(rule, new LongAdder()));
    }

    public CompiledRuleSet ruleSet() {
        return ruleSet;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Evaluations each rule fired in, by rule name (every rule listed, zero included), sorted. */
    public Map<String, Long> hitCounts() {
        Map<String, Long> counts = new TreeMap<>();
        hits.forEach((rule, count) -> counts.put(rule, count.sum()));
        return counts;
    }

    void recordHits(Evaluation<?> evaluation) {
        for (String rule : evaluation.firedRules()) {
            hits.computeIfAbsent(rule, name -> new LongAdder()).increment();
        }
    }
}
