package io.riskstream.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;

class SessionAccumulatorTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void cartValueIsAddedMinusRemoved() {
        SessionAccumulator session = of("ADD_TO_CART", 1200L, 0).merge(of("ADD_TO_CART", 300L, 1))
                .merge(of("REMOVE_FROM_CART", 1200L, 2));

        assertThat(session.cartValueMinor()).isEqualTo(300);
    }

    @Test
    void mergeSpansBothSessionsAndAddsTheirCounts() {
        SessionAccumulator session = of("PAGE_VIEW", null, 50).merge(of("CHECKOUT", null, 10));

        assertThat(session.start()).isEqualTo(T0.plusSeconds(10).toEpochMilli());
        assertThat(session.end()).isEqualTo(T0.plusSeconds(50).toEpochMilli());
        assertThat(session.events()).isEqualTo(2);
        assertThat(session.pageViews()).isEqualTo(1);
        assertThat(session.checkedOut()).isTrue();
    }

    @Test
    void summaryDurationIsLastMinusFirstEventTime() {
        SessionSummary summary = of("PAGE_VIEW", null, 5).merge(of("PAGE_VIEW", null, 65))
                .summary("ana", T0.plusSeconds(3600));

        assertThat(summary.getDurationMs()).isEqualTo(60_000);
        assertThat(summary.getSessionStart()).isEqualTo(T0.plusSeconds(5));
        assertThat(summary.getClosedAt()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void cartEventsInOneCurrencyReportIt() {
        SessionSummary summary = of("ADD_TO_CART", 1200L, 0, "EUR").merge(of("PAGE_VIEW", null, 1, "USD"))
                .merge(of("REMOVE_FROM_CART", 200L, 2, "EUR")).merge(of("ADD_TO_CART", 5L, 3, null))
                .summary("ana", T0);

        assertThat(summary.getCurrency()).isEqualTo("EUR");
        assertThat(summary.getCartValueMinor()).isEqualTo(1005);
    }

    @Test
    void cartEventsInSeveralCurrenciesReportMixedAndNoValue() {
        SessionSummary summary = of("ADD_TO_CART", 1200L, 0, "EUR").merge(of("ADD_TO_CART", 300L, 1, "USD"))
                .summary("ana", T0);

        assertThat(summary.getCurrency()).isEqualTo(SessionAccumulator.MIXED);
        assertThat(summary.getCartValueMinor()).isZero();
    }

    @Test
    void aFirstSummaryIsRevisionOneAndSupersedesNothing() {
        SessionSummary summary = of("PAGE_VIEW", null, 0).summary("ana", T0);

        assertThat(summary.getRevision()).isEqualTo(1);
        assertThat(summary.getSupersedes()).isEmpty();
    }

    @Test
    void aSummarizedSessionThatALateEventBridgesToAnotherIsSupersededByBoth() {
        SessionAccumulator early = of("PAGE_VIEW", null, 0).afterSummary();
        SessionAccumulator later = of("PAGE_VIEW", null, 100).afterSummary().merge(of("PAGE_VIEW", null, 101))
                .afterSummary();

        SessionAccumulator bridged = early.merge(of("PAGE_VIEW", null, 50)).merge(later);
        SessionSummary summary = bridged.summary("ana", T0);

        assertThat(bridged.summarized()).isFalse();
        assertThat(summary.getRevision()).isEqualTo(3);
        assertThat(summary.getSupersedes()).containsExactly(T0, T0.plusSeconds(100));
        assertThat(summary.getEvents()).isEqualTo(4);
        assertThat(bridged.afterSummary().summarizedStarts()).containsExactly(T0.toEpochMilli());
    }

    @Test
    void sessionSurvivesItsSerde() {
        SessionAccumulator session = of("ADD_TO_CART", 42L, 0).merge(of("CHECKOUT", null, 9));
        SessionAccumulatorSerde serde = new SessionAccumulatorSerde();

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", session)))
                .isEqualTo(session);
    }

    private static SessionAccumulator of(String type, Long amount, int second) {
        return SessionAccumulator.of(SessionTopologyTest.event("ana", type, amount, T0.plusSeconds(second)));
    }

    private static SessionAccumulator of(String type, Long amount, int second, String currency) {
        SiteEvent event = SessionTopologyTest.event("ana", type, amount, T0.plusSeconds(second));
        event.setCurrency(currency);
        return SessionAccumulator.of(event);
    }
}
