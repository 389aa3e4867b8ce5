package io.riskstream.fraud.backtest;

import java.time.Instant;
import java.util.Map;

/**
 * What a rules administrator asks to backtest: a candidate (its files, or a published version: exactly one) against
 * the transactions of event time in [from, to).
 *
 * @param ruleset the ruleset (only fraud is scored from transactions); null means fraud
 */
public record BacktestRequest(String ruleset, Map<String, String> files, Long version, Instant from, Instant to) {

    /** @throws IllegalArgumentException saying what is missing or wrong */
    void check() {
        if (ruleset != null && !ruleset.equals("fraud")) {
            throw new IllegalArgumentException("only the fraud ruleset can be backtested, not '" + ruleset + "'");
        }
        if ((files == null) == (version == null)) {
            throw new IllegalArgumentException("give either files (the candidate's DRL by file name) or version "
                    + "(a published version), not both and not neither");
        }
        if (files != null && files.isEmpty()) {
            throw new IllegalArgumentException("files is empty");
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to are required (ISO-8601 instants, event time)");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " is not before to " + to);
        }
    }
}
