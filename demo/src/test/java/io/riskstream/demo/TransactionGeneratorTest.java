package io.riskstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.riskstream.events.Transaction;

class TransactionGeneratorTest {

    private static final Duration TICK = Duration.ofMillis(200);
    private static final int PER_TICK = 4;
    private static final Duration HOUR = Duration.ofHours(1);

    private ManualClock clock;
    private TransactionGenerator generator;

    @BeforeEach
    void startAtNoon() {
        clock = new ManualClock("2026-11-25T12:00:00Z");
        generator = new TransactionGenerator(clock, new SplittableRandom(42));
    }

    @Test
    void mixesInAboutTwoPercentFraudPatterns() {
        List<Keyed<Transaction>> all = clock.run(generator, PER_TICK, TICK, HOUR);

        long fraud = all.stream().filter(t -> !t.isNormal() && !t.pattern().equals(TransactionGenerator.RETRY)).count();
        assertThat((double) fraud / all.size()).isBetween(0.02, 0.03);
        assertThat(all).extracting(Keyed::pattern).contains(
                "VELOCITY_BURST", "CARD_TESTING", "IMPOSSIBLE_TRAVEL", "RISKY_HIGH_AMOUNT", "IP_COUNTRY_MISMATCH");
    }

    @Test
    void ecomTransactionsCarryV2Fields() {
        List<Keyed<Transaction>> all = clock.run(generator, PER_TICK, TICK, Duration.ofMinutes(10));

        assertThat(all).extracting(Keyed::value).filteredOn(t -> t.getChannel().equals("ECOM")).isNotEmpty()
                .allSatisfy(t -> assertThat(t.getDeviceId()).isNotBlank())
                .allSatisfy(t -> assertThat(t.getIpCountry()).hasSize(2));
        assertThat(all).filteredOn(Keyed::isNormal).extracting(Keyed::value)
                .filteredOn(t -> t.getChannel().equals("ECOM"))
                .allSatisfy(t -> assertThat(t.getIpCountry()).isEqualTo(t.getCountry()));
        assertThat(all).extracting(Keyed::value).filteredOn(t -> !t.getChannel().equals("ECOM")).isNotEmpty()
                .allSatisfy(t -> assertThat(t.getDeviceId()).isNull());
    }

    @Test
    void retriesRepeatTheSameTransactionId() {
        List<Keyed<Transaction>> all = clock.run(generator, PER_TICK, TICK, HOUR);

        Map<String, Transaction> seen = new HashMap<>();
        List<Transaction> retries = new ArrayList<>();
        List<Transaction> unlikeTheirOriginal = new ArrayList<>();
        List<Transaction> newButSeen = new ArrayList<>();
        for (Keyed<Transaction> record : all) {
            Transaction t = record.value();
            if (record.pattern().equals(TransactionGenerator.RETRY)) {
                retries.add(t);
                if (!t.equals(seen.get(t.getTransactionId()))) {
                    unlikeTheirOriginal.add(t);
                }
            } else if (seen.put(t.getTransactionId(), t) != null) {
                newButSeen.add(t);
            }
        }
        assertThat(unlikeTheirOriginal).isEmpty();
        assertThat(newButSeen).isEmpty();
        assertThat((double) retries.size() / all.size()).isBetween(0.003, 0.007);
    }

    @Test
    void eventTimesLagTheClockByAtMostAFewSeconds() {
        Instant start = clock.instant();
        List<Keyed<Transaction>> batch = generator.next(1_000);

        assertThat(batch).extracting(t -> t.value().getEventTime())
                .allSatisfy(time -> assertThat(time).isBetween(start.minus(EventTimes.MAX_DELAY), start))
                .anySatisfy(time -> assertThat(time).isBefore(start));
    }

    @Test
    void theSameSeedMakesTheSameTraffic() {
        ManualClock other = new ManualClock("2026-11-25T12:00:00Z");
        TransactionGenerator twin = new TransactionGenerator(other, new SplittableRandom(42));

        assertThat(clock.run(generator, PER_TICK, TICK, Duration.ofMinutes(5)))
                .isEqualTo(other.run(twin, PER_TICK, TICK, Duration.ofMinutes(5)));
    }
}
