package io.riskstream.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the shadow ruleset's decisions compare with the live ones over the rate window: each decision of
 * {@code fraud-decisions-shadow} paired with the live decision on the same transaction from {@code fraud-decisions}
 * (both are written in one transaction, but read from two topics, in either order). Read from the topics, like the
 * rates, so that every instance shows the whole platform. Memory is bounded: a decision waits at most
 * {@code pairWithin} for its other half, at most {@code maxWaiting} of each wait, and live decisions wait only while
 * shadow decisions arrive.
 */
final class ShadowAgreement {

    /** One transaction's two outcomes, when the shadow decided. */
    private record Pair(Instant at, String live, String shadow, long shadowVersion) {
    }

    /** A decision waiting for its other half; {@code version} is the shadow's (0 for a live decision). */
    private record Waiting(String decision, long version, Instant at) {
    }

    private final Clock clock;
    private final Duration window;
    private final Duration pairWithin;
    private final int maxWaiting;
    private final Map<String, Waiting> live = new LinkedHashMap<>();
    private final Map<String, Waiting> shadow = new LinkedHashMap<>();
    private final Deque<Pair> pairs = new ArrayDeque<>();
    private Instant lastShadow = Instant.MIN;

    ShadowAgreement(Clock clock, Duration window, Duration pairWithin, int maxWaiting) {
        this.clock = clock;
        this.window = window;
        this.pairWithin = pairWithin;
        this.maxWaiting = maxWaiting;
    }

    synchronized void live(String transactionId, String decision, Instant decidedAt) {
        Waiting shadowSide = shadow.remove(transactionId);
        if (shadowSide != null) {
            pair(decidedAt, decision, shadowSide.decision(), shadowSide.version());
        } else if (!lastShadow.isBefore(clock.instant().minus(pairWithin))) {
            hold(live, transactionId, new Waiting(decision, 0, decidedAt));
        }
    }

    synchronized void shadow(String transactionId, String decision, long version, Instant decidedAt) {
        lastShadow = clock.instant();
        Waiting liveSide = live.remove(transactionId);
        if (liveSide != null) {
            pair(decidedAt, liveSide.decision(), decision, version);
        } else {
            hold(shadow, transactionId, new Waiting(decision, version, decidedAt));
        }
    }

    private void pair(Instant at, String liveDecision, String shadowDecision, long shadowVersion) {
        pairs.add(new Pair(at, liveDecision, shadowDecision, shadowVersion));
        forgetOld();
    }

    /** Keeps a decision waiting for its other half, forgetting the oldest beyond the bounds. */
    private void hold(Map<String, Waiting> side, String transactionId, Waiting waiting) {
        side.put(transactionId, waiting);
        Instant oldest = clock.instant().minus(pairWithin);
        for (Iterator<Waiting> it = side.values().iterator(); it.hasNext(); ) {
            Waiting first = it.next();
            if (side.size() <= maxWaiting && !first.at().isBefore(oldest)) {
                break;
            }
            it.remove();
        }
    }

    private void forgetOld() {
        Instant oldest = clock.instant().minus(window);
        while (!pairs.isEmpty() && pairs.peekFirst().at().isBefore(oldest)) {
            pairs.removeFirst();
        }
    }

    /** What {@code GET /api/decisions/shadow} returns. */
    record View(String window, boolean active, long compared, long agreeing, Double agreementRate,
                Map<String, Long> changes, Map<String, Long> liveOutcomes, Map<String, Long> shadowOutcomes,
                Map<Long, Long> shadowVersions) {
    }

    synchronized View view() {
        forgetOld();
        Map<String, Long> changes = new TreeMap<>();
        Map<String, Long> liveOutcomes = outcomes();
        Map<String, Long> shadowOutcomes = outcomes();
        Map<Long, Long> versions = new TreeMap<>();
        long agreeing = 0;
        for (Pair pair : pairs) {
            liveOutcomes.merge(pair.live(), 1L, Long::sum);
            shadowOutcomes.merge(pair.shadow(), 1L, Long::sum);
            versions.merge(pair.shadowVersion(), 1L, Long::sum);
            if (pair.live().equals(pair.shadow())) {
                agreeing++;
            } else {
                changes.merge(pair.live() + "->" + pair.shadow(), 1L, Long::sum);
            }
        }
        long compared = pairs.size();
        return new View(window.toString(), compared > 0, compared, agreeing,
                compared == 0 ? null : (double) agreeing / compared, changes, liveOutcomes, shadowOutcomes, versions);
    }

    private static Map<String, Long> outcomes() {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        DecisionRates.OUTCOMES.forEach(outcome -> outcomes.put(outcome, 0L));
        return outcomes;
    }
}
