package io.riskstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.riskstream.events.SiteEvent;

class SiteEventGeneratorTest {

    private static final Duration TICK = Duration.ofMillis(200);
    /** Forty events a second, the default rate. */
    private static final int PER_TICK = 8;
    private static final Duration SESSION_GAP = Duration.ofMinutes(30);

    private static List<SiteEvent> anHour;

    @BeforeAll
    static void runAnHour() {
        ManualClock clock = new ManualClock("2026-11-25T12:00:00Z");
        anHour = clock.run(new SiteEventGenerator(clock, new SplittableRandom(42)), PER_TICK, TICK,
                Duration.ofHours(1)).stream().map(Keyed::value).toList();
    }

    @Test
    void pagePopularityIsZipfLike() {
        List<Long> views = anHour.stream().filter(e -> e.getType().equals("PAGE_VIEW"))
                .collect(Collectors.groupingBy(SiteEvent::getPage, Collectors.counting()))
                .values().stream().sorted((a, b) -> Long.compare(b, a)).toList();

        assertThat(views).hasSizeGreaterThan(100);
        assertThat(views.get(0)).isGreaterThan(20 * views.get(49));
        assertThat(views.get(1)).isBetween(views.get(0) / 4, views.get(0) * 3 / 4);
    }

    @Test
    void cartEventsCarryAmounts() {
        Map<String, Long> cartValue = new HashMap<>();
        List<SiteEvent> wrong = new ArrayList<>();
        for (SiteEvent event : anHour) {
            long value = cartValue.merge(event.getUserId(), change(event), Long::sum);
            boolean cartEvent = event.getType().endsWith("_CART");
            boolean hasAmount = event.getAmountMinor() != null && event.getAmountMinor() > 0;
            boolean hasCurrency = Catalog.CURRENCY.equals(event.getCurrency());
            if (cartEvent != hasAmount || cartEvent != hasCurrency || value < 0) {
                wrong.add(event);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(anHour).filteredOn(e -> e.getType().equals("ADD_TO_CART")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getPage()).startsWith(Catalog.PRODUCT));
        assertThat(anHour).extracting(SiteEvent::getType).contains("REMOVE_FROM_CART");
    }

    @Test
    void shoppersCheckOutAfterViewingTheirCart() {
        Map<String, SiteEvent> previous = new HashMap<>();
        List<SiteEvent> checkoutsAfter = new ArrayList<>();
        for (SiteEvent event : anHour) {
            SiteEvent before = previous.put(event.getUserId(), event);
            if (event.getType().equals("CHECKOUT")) {
                checkoutsAfter.add(before);
                assertThat(event.getPage()).isEqualTo(Catalog.CHECKOUT);
            }
        }
        assertThat(checkoutsAfter).hasSizeGreaterThan(100)
                .allSatisfy(before -> assertThat(before.getPage()).isEqualTo(Catalog.CART));
    }

    @Test
    void sessionsEndByGoingQuietForLongerThanTheSessionGap() {
        ManualClock clock = new ManualClock("2026-11-25T12:00:00Z");
        SiteEventGenerator generator = new SiteEventGenerator(clock, new SplittableRandom(7));
        Map<String, Instant> lastSeen = new HashMap<>();
        List<Duration> gaps = new ArrayList<>();
        for (int second = 0; second < Duration.ofHours(2).toSeconds(); second++) {
            for (Keyed<SiteEvent> event : generator.next(40)) {
                Instant last = lastSeen.put(event.key(), event.value().getEventTime());
                if (last != null) {
                    gaps.add(Duration.between(last, event.value().getEventTime()).abs());
                }
            }
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(gaps)
                .noneMatch(gap -> gap.compareTo(Duration.ofMinutes(5)) > 0 && gap.compareTo(SESSION_GAP) <= 0)
                .filteredOn(gap -> gap.compareTo(SESSION_GAP) > 0).hasSizeGreaterThan(100);
    }

    /** What {@code event} does to its user's cart value: added minus removed amounts. */
    private static long change(SiteEvent event) {
        long amount = event.getAmountMinor() == null ? 0 : event.getAmountMinor();
        return switch (event.getType()) {
            case "ADD_TO_CART" -> amount;
            case "REMOVE_FROM_CART" -> -amount;
            default -> 0;
        };
    }
}
