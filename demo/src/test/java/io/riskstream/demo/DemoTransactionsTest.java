package io.riskstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.riskstream.events.Transaction;

class DemoTransactionsTest {

    private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void recordsTheAskedCountAtTheAskedRateOnTheGeneratorsClock() {
        List<Transaction> recorded = DemoTransactions.recorded(NOON, 20, 12_000, 1);

        assertThat(recorded).hasSize(12_000);
        Instant last = recorded.get(recorded.size() - 1).getEventTime();
        // 12,000 at 20 a second: ten minutes of traffic, the last ones stamped up to a few seconds early.
        assertThat(Duration.between(NOON, last)).isBetween(Duration.ofMinutes(10).minusSeconds(4),
                Duration.ofMinutes(10));
        assertThat(recorded).extracting(Transaction::getChannel).contains("POS", "ECOM", "ATM");
    }

    @Test
    void theSameSeedRecordsTheSameTransactionsAndAnotherOneOthers() {
        assertThat(DemoTransactions.recorded(NOON, 50, 2_000, 7))
                .isEqualTo(DemoTransactions.recorded(NOON, 50, 2_000, 7))
                .isNotEqualTo(DemoTransactions.recorded(NOON, 50, 2_000, 8));
    }

    @Test
    void keepsTheUpstreamRetriesOfTheMix() {
        List<Transaction> recorded = DemoTransactions.recorded(NOON, 20, 20_000, 3);

        long distinct = recorded.stream().map(Transaction::getTransactionId).distinct().count();
        assertThat(recorded.size() - distinct).isBetween(60L, 140L);
    }
}
