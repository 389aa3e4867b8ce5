package io.riskstream.fraud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.Interruption;
import io.riskstream.rules.engine.RuleSetKind;

/**
 * How a fraud ruleset is evaluated, in two phases: scoring (the facts are inserted and the rules of no group add
 * points to the global {@value #SCORECARD_GLOBAL}), then thresholds (the {@link Scorecard} itself is inserted and
 * the rules of {@code ruleflow-group} {@value #THRESHOLDS_GROUP} match its {@code total} and decide). No threshold
 * decision, a rule that throws, or the fire limit all end in REVIEW with a reason saying why. Test cases may
 * expect a {@code decision} and a {@code score}.
 */
final class ScoringKind implements RuleSetKind<ScoredDecision> {

    static final String SCORECARD_GLOBAL = "scorecard";
    static final String THRESHOLDS_GROUP = "thresholds";
    /** Rule id of the reason for a score no threshold rule decided on. */
    static final String NO_THRESHOLD = "no-threshold";
    private static final String DECISION = "decision";
    private static final String SCORE = "score";

    @Override
    public Run<ScoredDecision> newRun(EvaluationLimits limits) {
        Scorecard scorecard = new Scorecard(limits.maxReasons());
        return new Run<>() {
            @Override
            public Map<String, Object> globals() {
                return Map.of(SCORECARD_GLOBAL, scorecard);
            }

            @Override
            public void firing(String rule) {
                scorecard.firing(rule);
            }

            @Override
            public Phase closingPhase() {
                return new Phase(THRESHOLDS_GROUP, List.of(scorecard));
            }

            @Override
            public ScoredDecision completed(List<String> firedRules) {
                return scorecard.completed();
            }

            @Override
            public ScoredDecision interrupted(Interruption why, List<String> firedRules) {
                return scorecard.interrupted(why);
            }
        };
    }

    @Override
    public Set<String> expectations() {
        return Set.of(DECISION, SCORE);
    }

    @Override
    public List<String> check(Map<String, Object> expected, ScoredDecision outcome) {
        List<String> problems = new ArrayList<>();
        if (expected.containsKey(DECISION)) {
            Decision decision = decision(expected.get(DECISION));
            if (decision != outcome.decision()) {
                problems.add("expected decision " + decision + " but was " + outcome.decision() + " (score "
                        + outcome.score() + ", reasons " + outcome.reasons() + ")");
            }
        }
        if (expected.containsKey(SCORE)) {
            if (!(expected.get(SCORE) instanceof Integer score)) {
                throw new IllegalArgumentException("score must be a whole number");
            }
            if (score != outcome.score()) {
                problems.add("expected score " + score + " but was " + outcome.score() + " (reasons "
                        + outcome.reasons() + ")");
            }
        }
        return problems;
    }

    @Override
    public Map<String, Object> describe(ScoredDecision outcome) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(SCORE, outcome.score());
        view.put(DECISION, outcome.decision());
        view.put("reasons", outcome.reasons());
        return view;
    }

    private static Decision decision(Object expected) {
        try {
            return Decision.valueOf(String.valueOf(expected));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("decision must be one of " + List.of(Decision.values())
                    + ", not '" + expected + "'", e);
        }
    }
}
