package io.riskstream.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.Reason;
import io.riskstream.fraud.CardSnapshot;
import io.riskstream.fraud.FraudScorer;

/** What the measured transactions make the rules do: how many fire a scoring rule, and the decisions. */
record WorkloadMix(int cases, long cards, int scored, Map<String, Integer> decisions) {

    static WorkloadMix of(FraudScorer scorer, ScoringWorkload.Case[] cases, CardSnapshot[] snapshots) {
        int scored = 0;
        Map<String, Integer> decisions = new TreeMap<>();
        for (int i = 0; i < cases.length; i++) {
            FraudDecision decision = scorer.score(cases[i].tx(), snapshots[i]);
            // Threshold rules add no points; any reason with points is a scoring rule that fired.
            scored += decision.getReasons().stream().mapToInt(Reason::getPoints).anyMatch(p -> p != 0) ? 1 : 0;
            decisions.merge(decision.getDecision(), 1, Integer::sum);
        }
        long cards = Arrays.stream(cases).map(c -> c.tx().getCardId()).distinct().count();
        return new WorkloadMix(cases.length, cards, scored, decisions);
    }

    @Override
    public String toString() {
        return String.format("workload: %d transactions over %d cards; %.1f%% fire a scoring rule; decisions %s",
                cases, cards, 100.0 * scored / cases, decisions);
    }
}
