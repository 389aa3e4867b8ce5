package io.riskstream.rules.lifecycle;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.Evaluation;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleObserver;
import io.riskstream.rules.engine.RuleSetKind;

/**
 * The active version of each ruleset, by name. Activating a version is one atomic reference change; an
 * evaluation reads the reference once, so it finishes on the version it started with while a swap happens.
 * Versions only move forward: a version not newer than the active one is ignored (a replayed record).
 */
public final class ActiveRuleSets {

    private final Map<String, AtomicReference<ActiveRuleSet>> byName = new ConcurrentHashMap<>();
    /** The version that turned each shadow off: no version up to it is active. */
    private final Map<String, Long> retired = new ConcurrentHashMap<>();
    private final RuleEvaluator evaluator;
    private final Clock clock;
    private final RuleObserver observer;

    public ActiveRuleSets(RuleEvaluator evaluator, Clock clock) {
        this(evaluator, clock, RuleObserver.NONE);
    }

    public ActiveRuleSets(RuleEvaluator evaluator, Clock clock, RuleObserver observer) {
        this.evaluator = evaluator;
        this.clock = clock;
        this.observer = observer;
    }

    /** Makes {@code ruleSet} the active version of its name; false if an equal or newer one is active. */
    public boolean activate(CompiledRuleSet ruleSet) {
        if (ruleSet.version() <= retiredVersion(ruleSet.name())) {
            return false;
        }
        ActiveRuleSet candidate = new ActiveRuleSet(ruleSet, clock.instant());
        AtomicReference<ActiveRuleSet> slot = byName.computeIfAbsent(ruleSet.name(), name -> new AtomicReference<>());
        ActiveRuleSet previous = slot.getAndUpdate(current ->
                current == null || current.ruleSet().version() < ruleSet.version() ? candidate : current);
        return previous == null || previous.ruleSet().version() < ruleSet.version();
    }

    public Optional<ActiveRuleSet> current(String name) {
        AtomicReference<ActiveRuleSet> slot = byName.get(name);
        long off = retiredVersion(name);
        return slot == null ? Optional.empty()
                : Optional.ofNullable(slot.get()).filter(active -> active.ruleSet().version() > off);
    }

    /**
     * Turns a shadow ruleset off as of {@code version} (a publication without files): nothing of that name is active
     * until a newer version. False if an equal or newer version is active or turned it off already.
     */
    public boolean retire(String name, long version) {
        if (current(name).map(active -> active.ruleSet().version() >= version).orElse(false)) {
            return false;
        }
        if (retiredVersion(name) >= version) {
            return false;
        }
        // Only the follower's thread activates and retires: no other writer to race with.
        retired.merge(name, version, Math::max);
        return true;
    }

    /**
     * Where {@code name} stands: its active version, or the version that turned a shadow off, 0 before either. A
     * version that is not newer changes nothing.
     */
    public long version(String name) {
        return Math.max(current(name).map(active -> active.ruleSet().version()).orElse(0L), retiredVersion(name));
    }

    /** The version that last turned {@code name} off, 0 if none did. */
    public long retiredVersion(String name) {
        return retired.getOrDefault(name, 0L);
    }

    /**
     * Evaluates facts against the active version of {@code name}, a ruleset of {@code kind}, and counts the rules
     * that fired.
     *
     * @throws IllegalStateException if no version of that ruleset is active
     */
    public <R> Evaluation<R> evaluate(String name, RuleSetKind<R> kind, Collection<?> facts) {
        return evaluate(current(name)
                .orElseThrow(() -> new IllegalStateException("No active ruleset named '" + name + "'")), kind, facts);
    }

    /** The same when a version of {@code name} is active (a shadow may be off): empty when none is. */
    public <R> Optional<Evaluation<R>> evaluateIfActive(String name, RuleSetKind<R> kind, Collection<?> facts) {
        return current(name).map(active -> evaluate(active, kind, facts));
    }

    private <R> Evaluation<R> evaluate(ActiveRuleSet active, RuleSetKind<R> kind, Collection<?> facts) {
        long start = System.nanoTime();
        Evaluation<R> evaluation = evaluator.evaluate(active.ruleSet(), kind, facts);
        active.recordHits(evaluation);
        observer.evaluated(evaluation, System.nanoTime() - start);
        return evaluation;
    }

    /** Hit counts of the active version of {@code name}; empty if none is active. */
    public Map<String, Long> hitCounts(String name) {
        return current(name).map(ActiveRuleSet::hitCounts).orElse(Map.of());
    }
}
