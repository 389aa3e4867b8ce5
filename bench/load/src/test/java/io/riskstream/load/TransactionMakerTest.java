package io.riskstream.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.riskstream.events.Transaction;

class TransactionMakerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final List<Transaction> made = made(new TransactionMaker(1_000, "t", 1), 20_000);

    @Test
    void everyTransactionIdIsNew() {
        assertThat(made.stream().map(Transaction::getTransactionId).distinct()).hasSize(made.size());
    }

    @Test
    void twoMakersOfOneRunDoNotShareIds() {
        Set<String> ids = new HashSet<>();
        made(new TransactionMaker(1_000, "runp", 1), 100).forEach(tx -> ids.add(tx.getTransactionId()));
        made(new TransactionMaker(1_000, "runs", 1), 100).forEach(tx -> ids.add(tx.getTransactionId()));

        assertThat(ids).hasSize(200);
    }

    @Test
    void cardsStayWithinThePopulationAndMostAreUsed() {
        assertThat(made).allSatisfy(tx -> assertThat(Integer.parseInt(tx.getCardId().substring(5)))
                .isBetween(0, 999));
        assertThat(made.stream().map(Transaction::getCardId).distinct().count()).isGreaterThan(990);
    }

    @Test
    void valuesPassTheAppsChecks() {
        assertThat(made).allSatisfy(tx -> {
            assertThat(tx.getAmountMinor()).isPositive().isLessThan(1_000_000_00L);
            assertThat(Currency.getInstance(tx.getCurrency())).isNotNull();
            assertThat(tx.getTransactionId().length()).isLessThanOrEqualTo(64);
            assertThat(tx.getChannel()).isIn("POS", "ECOM", "ATM");
            assertThat(tx.getEventTime()).isEqualTo(NOW);
        });
    }

    @Test
    void aFewPercentLookRisky() {
        long risky = made.stream().filter(tx -> List.of("7995", "6051", "4829").contains(tx.getMerchantCategory())
                || tx.getAmountMinor() >= 50_000 || (tx.getIpCountry() != null && !tx.getIpCountry()
                .equals(tx.getCountry()))).count();

        assertThat(risky * 100.0 / made.size()).isBetween(1.5, 5.0);
    }

    private static List<Transaction> made(TransactionMaker maker, int count) {
        return IntStream.range(0, count).mapToObj(i -> maker.next(NOW)).toList();
    }
}
