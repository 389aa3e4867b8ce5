package io.riskstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.riskstream.events.SiteEvent;

class DemoSiteEventsTest {

    private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void recordsTheAskedCountAtTheAskedRateOnTheGeneratorsClock() {
        List<SiteEvent> recorded = DemoSiteEvents.recorded(NOON, 100, 30_000, 1);

        assertThat(recorded).hasSize(30_000);
        Instant last = recorded.get(recorded.size() - 1).getEventTime();
        // 30,000 at 100 a second: five minutes of traffic, the last ones stamped up to a few seconds early.
        assertThat(Duration.between(NOON, last)).isBetween(Duration.ofMinutes(5).minusSeconds(4),
                Duration.ofMinutes(5));
        assertThat(recorded).extracting(SiteEvent::getType).contains("PAGE_VIEW", "ADD_TO_CART", "CHECKOUT");
    }

    @Test
    void theSameSeedRecordsTheSameEventsAndAnotherOneOthers() {
        assertThat(DemoSiteEvents.recorded(NOON, 40, 1_000, 7))
                .isEqualTo(DemoSiteEvents.recorded(NOON, 40, 1_000, 7))
                .isNotEqualTo(DemoSiteEvents.recorded(NOON, 40, 1_000, 8));
    }
}
