package io.riskstream.fraud.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.header.internals.RecordHeaders;

import io.riskstream.events.Transaction;
import io.riskstream.fraud.CardReplay;
import io.riskstream.fraud.FraudSettings;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.InputLimits;
import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Backtests over generated histories (cards spread over two partitions, out-of-order times across the range's edges,
 * retries, refused and undecodable records) give the counts this test works out on its own: which transactions are
 * decided, each side's outcomes and rule hits, the changes, and the agreement with the recorded decisions. The
 * candidate's rule reads the card's history, so a state not rebuilt from before the range shows.
 */
class BacktestProperties {

    static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant FROM = BASE.plus(Duration.ofHours(10));
    static final Instant TO = BASE.plus(Duration.ofHours(20));
    static final FraudSettings SETTINGS = new FraudSettings(Duration.ofDays(7), Duration.ofDays(90),
            Duration.ofHours(1), 1000, 100_000_000_000L, 16, 32, 16);
    static final String THRESHOLDS = """
            package rules.fraud;
            import io.riskstream.fraud.Decision;
            import io.riskstream.fraud.Scorecard;
            global Scorecard scorecard;
            rule "decline" ruleflow-group "thresholds" when Scorecard(total >= 700) then scorecard.decide(Decision.DECLINE); end
            rule "review" ruleflow-group "thresholds" when Scorecard(total >= 300, total < 700) then scorecard.decide(Decision.REVIEW); end
            rule "approve" ruleflow-group "thresholds" when Scorecard(total < 300) then scorecard.decide(Decision.APPROVE); end
            """;
    /** Version 1, the one that decided: 1,000.00 or more is declined. */
    static final Map<String, String> BASELINE = Map.of("thresholds.drl", THRESHOLDS, "scoring.drl", """
            package rules.fraud;
            import io.riskstream.events.Transaction;
            import io.riskstream.fraud.Scorecard;
            global Scorecard scorecard;
            rule "big" when Transaction(amountMinor >= 100000) then scorecard.add(700, "big"); end
            """);
    /** The candidate: 500.00 is enough, and a card's third transaction or later adds 300. */
    static final Map<String, String> CANDIDATE = Map.of("thresholds.drl", THRESHOLDS, "scoring.drl", """
            package rules.fraud;
            import io.riskstream.events.Transaction;
            import io.riskstream.fraud.CardSnapshot;
            import io.riskstream.fraud.Scorecard;
            global Scorecard scorecard;
            rule "big" when Transaction(amountMinor >= 50000) then scorecard.add(700, "big"); end
            rule "busy-card" when CardSnapshot(txCount >= 2) then scorecard.add(300, "busy"); end
            """);
    static final RuleSetCompiler COMPILER = new RuleSetCompiler();
    static final CompiledRuleSet VERSION_1 = COMPILER.compile("fraud", 1, BASELINE);
    static final CompiledRuleSet CANDIDATE_RULES = COMPILER.compile("fraud", 0, CANDIDATE);
    static final List<Long> AMOUNTS = List.of(1_000L, 60_000L, 150_000L);

    enum Kind { GOOD, RETRY, REFUSED, UNDECODABLE }

    /** One generated record: its card, amount, minutes after BASE, and what it is. */
    record Generated(int card, int amount, int minute, Kind kind, boolean wronglyRecorded) {
    }

    @Provide
    Arbitrary<List<Generated>> histories() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(14, Kind.GOOD), Tuple.of(2, Kind.RETRY),
                Tuple.of(1, Kind.REFUSED), Tuple.of(1, Kind.UNDECODABLE));
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 30 * 60), kinds, Arbitraries.integers().between(0, 9))
                .as((card, amount, minute, kind, wrong) -> new Generated(card, amount, minute, kind, wrong == 0))
                .list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 40)
    void aBacktestCountsWhatTheHistoryImplies(@ForAll("histories") List<Generated> history) {
        Log log = new Log();
        Expected expected = new Expected();
        Map<Integer, Map<Integer, Long>> countsByPartition = new HashMap<>();
        Map<Integer, Set<String>> takenByPartition = new HashMap<>();
        Map<Integer, List<String>> takenIdsByCard = new HashMap<>();
        for (int i = 0; i < history.size(); i++) {
            Generated g = history.get(i);
            int partition = g.card() % 2;
            Instant time = BASE.plus(Duration.ofMinutes(g.minute()));
            boolean inRange = !time.isBefore(FROM) && time.isBefore(TO);
            Set<String> seen = takenByPartition.computeIfAbsent(partition, p -> new HashSet<>());
            List<String> earlier = takenIdsByCard.computeIfAbsent(g.card(), c -> new ArrayList<>());
            // A retry repeats the id of one of its card's recent transactions (a new one if there is none yet).
            String id = g.kind() == Kind.RETRY && !earlier.isEmpty()
                    ? earlier.get(Math.max(0, earlier.size() - 1 - g.amount())) : "tx-" + i;
            Transaction tx = transaction(id, g.card(), AMOUNTS.get(g.amount()), time,
                    g.kind() == Kind.REFUSED ? -1 : 0);
            if (g.kind() == Kind.UNDECODABLE) {
                log.add(partition, "card-" + g.card(), Decoded.failed(new byte[] {1, 2, 3},
                        new IllegalArgumentException("not Avro")), time);
                if (inRange) {
                    expected.refused++;
                }
                continue;
            }
            log.add(partition, "card-" + g.card(), Decoded.ok(tx, new byte[0]), time);
            if (g.kind() == Kind.REFUSED) {
                if (inRange) {
                    expected.refused++;
                }
                continue;
            }
            if (!seen.add(id)) {
                if (inRange) {
                    expected.duplicates++;
                }
                continue;
            }
            earlier.add(id);
            long before = countsByPartition.computeIfAbsent(partition, p -> new HashMap<>())
                    .merge(g.card(), 1L, Long::sum) - 1;
            if (inRange) {
                expected.decide(tx, before, g.wronglyRecorded(), log);
            }
        }

        Backtest.Progress progress = new Backtest.Progress();
        BacktestReport report = new Backtest(log, () -> new CardReplay(SETTINGS, limits()),
                new RuleEvaluator(EvaluationLimits.DEFAULTS), Clock.fixed(BASE, ZoneOffset.UTC))
                .run(new Backtest.Plan(CANDIDATE_RULES, new BacktestReport.Candidate("files", 0, "x"),
                        version -> {
                            assertThat(version).as("the recorded version, or the active one").isEqualTo(1);
                            return VERSION_1;
                        }, 1, FROM, TO, 5), progress);

        assertThat(report.recordsRead()).isEqualTo(history.size());
        assertThat(progress.read.get()).as("progress: decisions, then transactions").isEqualTo(progress.toRead.get())
                .isEqualTo(history.size() + log.decisions.size());
        assertThat(report.decided()).as("decided").isEqualTo(expected.decided);
        assertThat(report.refused()).as("refused").isEqualTo(expected.refused);
        assertThat(report.duplicates()).as("retries").isEqualTo(expected.duplicates);
        assertThat(report.baseline().decisions()).as("baseline outcomes").isEqualTo(expected.baseline);
        assertThat(report.candidateSide().decisions()).as("candidate outcomes").isEqualTo(expected.candidate);
        assertThat(report.candidateSide().ruleHits()).as("candidate rule hits").isEqualTo(expected.candidateHits);
        assertThat(report.baseline().ruleHits()).as("baseline rule hits").isEqualTo(expected.baselineHits);
        assertThat(report.changes().count()).as("changes").isEqualTo(expected.changes);
        assertThat(report.changes().byOutcome()).as("changes by outcome").isEqualTo(expected.changesByOutcome);
        assertThat(report.changes().transactions()).hasSize((int) Math.min(5, expected.changes));
        assertThat(report.changes().truncated()).isEqualTo(expected.changes > 5);
        assertThat(report.changes().transactions()).allSatisfy(change ->
                assertThat(change.baseline().decision()).isNotEqualTo(change.candidate().decision()));
        assertThat(report.recorded()).as("agreement with the recorded decisions").isEqualTo(
                new BacktestReport.Recorded(expected.found, expected.found - expected.wrong,
                        expected.decided - expected.found));
    }

    private static InputLimits limits() {
        return new InputLimits(Duration.ofMinutes(5), Duration.ofDays(7), 1 << 20, Clock.systemUTC());
    }

    private static Transaction transaction(String id, int card, long amount, Instant time, int sign) {
        return Transaction.newBuilder().setTransactionId(id).setCardId("card-" + card).setAccountId("a")
                .setAmountMinor(sign < 0 ? -amount : amount).setCurrency("EUR").setMerchantId("m")
                .setMerchantCategory("5411").setCountry("NL").setChannel("POS").setEventTime(time).build();
    }

    /** What this test works out on its own. */
    static final class Expected {
        long decided;
        long refused;
        long duplicates;
        long changes;
        long found;
        long wrong;
        final Map<String, Long> baseline = outcomes();
        final Map<String, Long> candidate = outcomes();
        final Map<String, Long> baselineHits = new TreeMap<>(Map.of("big", 0L, "decline", 0L, "review", 0L,
                "approve", 0L));
        final Map<String, Long> candidateHits = new TreeMap<>(Map.of("big", 0L, "busy-card", 0L, "decline", 0L,
                "review", 0L, "approve", 0L));
        final Map<String, Long> changesByOutcome = new TreeMap<>();

        void decide(Transaction tx, long earlierOfCard, boolean wronglyRecorded, Log log) {
            decided++;
            boolean bigBefore = tx.getAmountMinor() >= 100_000;
            String was = bigBefore ? "DECLINE" : "APPROVE";
            baseline.merge(was, 1L, Long::sum);
            if (bigBefore) {
                baselineHits.merge("big", 1L, Long::sum);
            }
            baselineHits.merge(was.equals("DECLINE") ? "decline" : "approve", 1L, Long::sum);

            boolean big = tx.getAmountMinor() >= 50_000;
            boolean busy = earlierOfCard >= 2;
            int score = (big ? 700 : 0) + (busy ? 300 : 0);
            String now = score >= 700 ? "DECLINE" : score >= 300 ? "REVIEW" : "APPROVE";
            candidate.merge(now, 1L, Long::sum);
            if (big) {
                candidateHits.merge("big", 1L, Long::sum);
            }
            if (busy) {
                candidateHits.merge("busy-card", 1L, Long::sum);
            }
            candidateHits.merge(now.toLowerCase(), 1L, Long::sum);
            if (!was.equals(now)) {
                changes++;
                changesByOutcome.merge(was + "->" + now, 1L, Long::sum);
            }
            // Every other decided transaction has its decision recorded; some of those recorded wrongly.
            if (decided % 2 == 1) {
                found++;
                String recorded = wronglyRecorded ? (was.equals("DECLINE") ? "APPROVE" : "DECLINE") : was;
                if (wronglyRecorded) {
                    wrong++;
                }
                log.decisions.put(tx.getTransactionId(), new TransactionLog.Recorded(recorded, bigBefore ? 700 : 0, 1));
            }
        }

        private static Map<String, Long> outcomes() {
            Map<String, Long> outcomes = new java.util.LinkedHashMap<>();
            BacktestTally.OUTCOMES.forEach(outcome -> outcomes.put(outcome, 0L));
            return outcomes;
        }
    }

    /** The history, in memory, as a log. */
    static final class Log implements TransactionLog {
        final Map<Integer, List<Entry>> partitions = new TreeMap<>(Map.of(0, new ArrayList<>(), 1, new ArrayList<>()));
        final Map<String, Recorded> decisions = new HashMap<>();

        void add(int partition, String key, Decoded<Transaction> value, Instant time) {
            partitions.get(partition).add(new Entry(key, value, new RecordHeaders(), time));
        }

        @Override
        public List<Integer> partitions() {
            return List.copyOf(partitions.keySet());
        }

        @Override
        public long size(Instant from) {
            return partitions.values().stream().mapToLong(List::size).sum() + decisions.size();
        }

        @Override
        public void read(int partition, Reader reader) {
            for (Entry entry : partitions.get(partition)) {
                if (!reader.next(entry)) {
                    return;
                }
            }
        }

        @Override
        public Map<String, Recorded> decisions(Instant from, Instant to, Runnable each) {
            decisions.keySet().forEach(id -> each.run());
            return decisions;
        }

        @Override
        public void close() {
        }
    }
}
