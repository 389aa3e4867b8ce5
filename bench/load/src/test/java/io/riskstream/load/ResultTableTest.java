package io.riskstream.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void drainsShowTheirRateAndTheirRatioToTheRawCopy() {
        ResultTable table = new ResultTable();
        table.drain(new Drain(LoadHarness.RAW_COPY, 200_000, 2_000, true));
        table.drain(new Drain(LoadHarness.SCORING, 200_000, 20_000, true));

        assertThat(table.render())
                .contains("| raw transactional copy | 200,000 | 2.0 | 100,000 | 100.0% |")
                .contains("| fraud scoring drain | 200,000 | 20.0 | 10,000 | 10.0% |");
    }

    @Test
    void withoutARawCopyTheRatioIsADash() {
        ResultTable table = new ResultTable();
        table.drain(new Drain(LoadHarness.SCORING, 1_000, 500, true));

        assertThat(table.render()).contains("| fraud scoring drain | 1,000 | 0.5 | 2,000 | – |");
    }

    @Test
    void aStalledDrainSaysSo() {
        ResultTable table = new ResultTable();
        table.drain(new Drain(LoadHarness.SCORING, 700, 1_000, false));

        assertThat(table.render()).contains("| fraud scoring drain (INCOMPLETE: stalled) | 700 |");
    }

    @Test
    void latencyRowsAndUndecidedTransactions() {
        ResultTable table = new ResultTable();
        table.latency(new ResultTable.Latency(2_000, 60, 10, 99_990, 71, 181, 400, 657, 10));

        assertThat(table.render())
                .contains("| latency at 2,000 tx/s (60 s, first 10 s not counted) | ms |")
                .contains("| p50 | 71 |", "| p99 | 181 |", "| p99.9 | 400 |", "| max | 657 |")
                .contains("| NOT DECIDED within the wait | 10 |");
    }

    @Test
    void restartIsInSeconds() {
        ResultTable table = new ResultTable();
        table.restart(8_250L, "");

        assertThat(table.render()).contains("8.3 s from process start to its first decision");
    }

    @Test
    void absentMeasurementsAreLeftOut() {
        ResultTable table = new ResultTable();
        table.drain(new Drain(LoadHarness.SCORING, 1_000, 500, true));

        assertThat(table.render()).doesNotContain("latency", "restart");
    }
}
