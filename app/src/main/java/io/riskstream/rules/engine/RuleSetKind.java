package io.riskstream.rules.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What evaluating a ruleset returns, and what its rules may use to say so: a scored decision for fraud, the
 * rules that fired for logins. The engine runs the session, bounds it and catches what the rules throw; the
 * kind gives the rules their globals and turns what happened into its outcome {@code R}. Each ruleset the app
 * evaluates declares its kind (see {@link DeclaredRuleSet}).
 */
public interface RuleSetKind<R> {

    /** The state of one evaluation; a new one each time, never shared. */
    Run<R> newRun(EvaluationLimits limits);

    /** Keys a test case's {@code expect} may hold besides {@code fires} and {@code doesNotFire}. */
    default Set<String> expectations() {
        return Set.of();
    }

    /**
     * What differs between a test case's expectations and an outcome; empty when it passes.
     *
     * @param expected the case's {@code expect} entries whose keys are among {@link #expectations()}
     * @throws IllegalArgumentException for an expected value that can never match (a typo)
     */
    default List<String> check(Map<String, Object> expected, R outcome) {
        return List.of();
    }

    /** The outcome as the dry run shows it, besides the rules that fired. */
    default Map<String, Object> describe(R outcome) {
        return Map.of();
    }

    /**
     * A second phase: after the rules of the main agenda group fired, {@code facts} are inserted and the rules of
     * {@code agendaGroup} (a {@code ruleflow-group}) fire.
     */
    record Phase(String agendaGroup, List<Object> facts) {

        public Phase {
            facts = List.copyOf(facts);
        }
    }

    /** One evaluation, as the engine runs it. */
    interface Run<R> {

        /** Globals by name; the engine sets those the ruleset declares. */
        default Map<String, Object> globals() {
            return Map.of();
        }

        /** The rule whose consequence is about to run, or null once it ran. */
        default void firing(String rule) {
        }

        /** The phase after the main agenda group's, or null for none. */
        default Phase closingPhase() {
            return null;
        }

        /** What the evaluation came to when the rules ran to the end. */
        R completed(List<String> firedRules);

        /** What it came to when the engine cut it short: a rule threw, or the fire limit. */
        R interrupted(Interruption why, List<String> firedRules);
    }
}
