package io.riskstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.riskstream.events.Transaction;

/** The fraud patterns as they come out of the transaction generator. */
class FraudPatternsTest {

    private static final Duration TICK = Duration.ofMillis(200);
    private static final int PER_TICK = 4;
    private static final Duration HOUR = Duration.ofHours(1);

    private static ManualClock clock;
    private static TransactionGenerator generator;
    /** An hour of traffic from noon, which every test reads (and none changes). */
    private static List<Keyed<Transaction>> afternoon;

    @BeforeAll
    static void runAnHourFromNoon() {
        clock = new ManualClock("2026-11-25T12:00:00Z");
        generator = new TransactionGenerator(clock, new SplittableRandom(42));
        afternoon = clock.run(generator, PER_TICK, TICK, HOUR);
    }

    @Test
    void velocityBurstSendsManyTransactionsOfOneCardWithinAMinute() {
        List<List<Transaction>> bursts = episodes(afternoon, "VELOCITY_BURST");

        assertThat(bursts).hasSizeGreaterThan(10).allSatisfy(burst -> {
            assertThat(burst).hasSizeBetween(FraudPatterns.MIN_BURST, FraudPatterns.MAX_BURST);
            assertThat(span(burst)).isLessThan(Duration.ofMinutes(1));
        });
    }

    @Test
    void cardTestingUsesSmallAmounts() {
        List<List<Transaction>> tests = episodes(afternoon, "CARD_TESTING");

        assertThat(tests).hasSizeGreaterThan(10).allSatisfy(test -> {
            assertThat(test).hasSizeGreaterThanOrEqualTo(FraudPatterns.MIN_TESTS);
            assertThat(test).allSatisfy(t -> {
                assertThat(t.getAmountMinor()).isBetween(100L, 300L);
                assertThat(t.getChannel()).isEqualTo("ECOM");
            });
        });
    }

    @Test
    void impossibleTravelGoesToAnotherContinentMinutesAfterHome() {
        List<List<Transaction>> trips = episodes(afternoon, "IMPOSSIBLE_TRAVEL");

        assertThat(trips).hasSizeGreaterThan(10).allSatisfy(trip -> {
            assertThat(trip).hasSize(2);
            Country home = Country.valueOf(trip.get(0).getCountry());
            assertThat(Country.valueOf(trip.get(1).getCountry()).region).isNotEqualTo(home.region);
            assertThat(span(trip)).isBetween(FraudPatterns.MIN_TRAVEL.minus(EventTimes.MAX_DELAY),
                    FraudPatterns.MAX_TRAVEL.plus(EventTimes.MAX_DELAY));
        });
    }

    @Test
    void riskyHighAmountIsFarAboveTheCardsUsualAtARiskyMerchant() {
        List<Transaction> risky = values(afternoon, "RISKY_HIGH_AMOUNT");

        assertThat(risky).hasSizeGreaterThan(10).allSatisfy(t -> {
            Card card = generator.card(t.getCardId());
            assertThat(t.getAmountMinor()).isGreaterThan(10 * card.typicalAmountMinor());
            assertThat(t.getMerchantCategory()).isIn("7995", "6051", "4829");
            assertThat(card.favourites()).extracting(Merchant::merchantId).doesNotContain(t.getMerchantId());
        });
    }

    @Test
    void ipCountryMismatchComesFromAnotherCountryThanTheCard() {
        List<Transaction> mismatches = values(afternoon, "IP_COUNTRY_MISMATCH");

        assertThat(mismatches).hasSizeGreaterThan(10).allSatisfy(t -> {
            assertThat(t.getChannel()).isEqualTo("ECOM");
            assertThat(t.getIpCountry()).isNotEqualTo(generator.card(t.getCardId()).home().code());
        });
    }

    @Test
    void atmAbroadHappensOnlyAtNight() {
        assertThat(afternoon).extracting(Keyed::pattern)
                .doesNotContain("ATM_ABROAD_AT_NIGHT");

        ManualClock night = new ManualClock("2026-11-25T02:00:00Z");
        TransactionGenerator atNight = new TransactionGenerator(night, new SplittableRandom(7));
        List<Transaction> withdrawals = values(night.run(atNight, PER_TICK, TICK, HOUR), "ATM_ABROAD_AT_NIGHT");

        assertThat(withdrawals).hasSizeGreaterThan(5).allSatisfy(t -> {
            assertThat(t.getChannel()).isEqualTo("ATM");
            assertThat(t.getMerchantCategory()).isEqualTo("6011");
            assertThat(t.getCountry()).isNotEqualTo(atNight.card(t.getCardId()).home().code());
        });
    }

    /**
     * The transactions of {@code pattern}, one list per card and incident (a card may be hit again later), but
     * only the incidents that started early enough to be complete by now.
     */
    private static List<List<Transaction>> episodes(List<Keyed<Transaction>> all, String pattern) {
        Map<String, List<Transaction>> open = new LinkedHashMap<>();
        List<List<Transaction>> episodes = new ArrayList<>();
        for (Transaction t : values(all, pattern)) {
            List<Transaction> current = open.get(t.getCardId());
            if (current == null || Duration.between(last(current), t.getEventTime())
                    .compareTo(TransactionGenerator.PATTERN_COOL_DOWN) > 0) {
                current = new ArrayList<>();
                open.put(t.getCardId(), current);
                episodes.add(current);
            }
            current.add(t);
        }
        Instant complete = clock.instant().minus(TransactionGenerator.PATTERN_COOL_DOWN);
        return episodes.stream().filter(episode -> episode.get(0).getEventTime().isBefore(complete)).toList();
    }

    private static List<Transaction> values(Collection<Keyed<Transaction>> all, String pattern) {
        return all.stream().filter(t -> t.pattern().equals(pattern)).map(Keyed::value).collect(Collectors.toList());
    }

    private static Instant last(List<Transaction> transactions) {
        return transactions.get(transactions.size() - 1).getEventTime();
    }

    private static Duration span(List<Transaction> transactions) {
        List<Instant> times = transactions.stream().map(Transaction::getEventTime).sorted().toList();
        return Duration.between(times.get(0), times.get(times.size() - 1));
    }
}
