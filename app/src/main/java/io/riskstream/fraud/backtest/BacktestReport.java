package io.riskstream.fraud.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a backtest found, served as JSON by {@code GET /api/rules/backtest/{id}} and printed by the command.
 *
 * @param ruleset            the ruleset backtested (fraud)
 * @param candidate          what was backtested: a published version, or files (version 0, as in a dry run)
 * @param from               the range's start (inclusive), in event time
 * @param to                 the range's end (exclusive), in event time
 * @param recordsRead        every record of {@code transactions} read, the history before the range included
 * @param decided            transactions of the range that scoring decides: each evaluated by both rulesets
 * @param refused            records of the range scoring refuses (its dead letters): decided by neither
 * @param duplicates         retries within the duplicate horizon in the range: decided by neither
 * @param baseline           the versions that decided each transaction, replayed on the same card states
 * @param candidateSide      the candidate on the same transactions and card states
 * @param changes            the transactions whose outcome differs
 * @param recorded           how the baseline's replay compares with the decisions on {@code fraud-decisions}: the
 *                           replay's own check
 * @param cards              cards held by the replay at its largest (its memory: about a kilobyte each)
 * @param durationMillis     how long the replay took, from its first record read to its last
 */
public record BacktestReport(String ruleset, Candidate candidate, Instant from, Instant to, long recordsRead,
                             long decided, long refused, long duplicates, Side baseline, Side candidateSide,
                             Changes changes, Recorded recorded, int cards, long durationMillis) {

    /** @param version the published version, or 0 for files; @param sha256 of its files */
    public record Candidate(String source, long version, String sha256) {
    }

    /**
     * One ruleset's side of the comparison.
     *
     * @param decisions transactions by outcome (APPROVE, REVIEW, DECLINE), every outcome present
     * @param ruleHits  how many transactions each rule fired on, every rule of the ruleset present
     * @param versions  transactions by the version that decided them (one version for the candidate)
     */
    public record Side(Map<String, Long> decisions, Map<String, Long> ruleHits, Map<Long, Long> versions) {
    }

    /**
     * @param count          transactions whose outcome differs
     * @param byOutcome      the same by "BASELINE->CANDIDATE" outcome pair
     * @param scoresChanged  transactions whose score differs, whatever the outcome
     * @param transactions   the first of them in replay order, with both decisions
     * @param truncated      true when there were more than are listed
     */
    public record Changes(long count, Map<String, Long> byOutcome, long scoresChanged, List<Change> transactions,
                          boolean truncated) {
    }

    public record Change(String transactionId, String cardId, Instant eventTime, Outcome baseline,
                         Outcome candidate) {
    }

    /** A decision as the report shows it: outcome, score, the version that made it and its reasons. */
    public record Outcome(String decision, int score, long rulesetVersion, List<Reason> reasons) {
    }

    public record Reason(String ruleId, int points, String detail) {
    }

    /**
     * @param found    transactions of the range with a decision on {@code fraud-decisions}
     * @param agreeing of those, how many the baseline's replay decided the same (outcome and score)
     * @param missing  transactions of the range with none (its retention passed, or decided after the backtest
     *                 began): their baseline is the version active when the backtest was asked for
     */
    public record Recorded(long found, long agreeing, long missing) {
    }
}
