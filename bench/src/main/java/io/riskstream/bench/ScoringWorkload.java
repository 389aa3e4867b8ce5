package io.riskstream.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.riskstream.demo.DemoTransactions;
import io.riskstream.events.Transaction;
import io.riskstream.fraud.CardProfile;
import io.riskstream.fraud.CardProfileUpdater;

/**
 * The demo's card traffic ({@link DemoTransactions}: the mix the local run sends, fraud patterns and all)
 * replayed through the {@link CardProfileUpdater}, as the scoring stream would, so that each measured
 * transaction meets its card's honest state before it. Seeded, so every run measures the same transactions.
 */
final class ScoringWorkload {

    /** One measured transaction and its card's state before it. */
    record Case(Transaction tx, CardProfile before) {
    }

    /** Transactions replayed before the measured ones: some 60 for each of the demo's 2,000 cards. */
    static final int HISTORY = 120_000;
    /** A power of two, so that cycling through them is a mask. */
    static final int CASES = 8_192;
    /** The local run's rate, so that bursts and card testing keep their pace. */
    static final int PER_SECOND = 20;
    /** At night, so that every pattern of the mix is there, the ATM abroad at night too. */
    static final Instant START = Instant.parse("2026-03-02T02:00:00Z");
    static final long SEED = 20260302L;

    private ScoringWorkload() {
    }

    /** The measured cases, in the order sent, each with its card's state after the whole history before it. */
    static List<Case> build(CardProfileUpdater updater) {
        List<Transaction> traffic = firstOfEachId(DemoTransactions.recorded(START, PER_SECOND, HISTORY + CASES, SEED));
        Map<String, CardProfile> profiles = new HashMap<>();
        List<Case> cases = new ArrayList<>(CASES);
        int firstMeasured = traffic.size() - CASES;
        for (int i = 0; i < traffic.size(); i++) {
            Transaction tx = traffic.get(i);
            CardProfile before = profiles.getOrDefault(tx.getCardId(), CardProfile.empty());
            if (i >= firstMeasured) {
                cases.add(new Case(tx, before));
            }
            profiles.put(tx.getCardId(), updater.apply(before, tx));
        }
        return cases;
    }

    /** The scoring stream drops an upstream retry before this step (duplicate suppression), so the workload does. */
    private static List<Transaction> firstOfEachId(List<Transaction> sent) {
        Set<String> seen = new HashSet<>();
        return sent.stream().filter(tx -> seen.add(tx.getTransactionId())).toList();
    }
}
