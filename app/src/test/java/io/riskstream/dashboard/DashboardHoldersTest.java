package io.riskstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.MultiCountryAlert;
import io.riskstream.events.PageCount;
import io.riskstream.events.Reason;
import io.riskstream.events.TopPages;

class DashboardHoldersTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void newestTopPagesIsTheLatestWindowNotTheLastRead() {
        LatestTopPages latest = new LatestTopPages(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(1));
        latest.offer(topPages(NOW, "b"));
        latest.offer(topPages(NOW.minusSeconds(5), "a"));

        LatestTopPages.View view = latest.newest().orElseThrow();
        assertThat(view.windowStart()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(view.windowEnd()).isEqualTo("2026-03-01T10:01:00Z");
        assertThat(view.pages()).containsExactly(new LatestTopPages.Page("b", 3));
    }

    @Test
    void noTopPagesBeforeTheFirstWindow() {
        assertThat(new LatestTopPages(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(1)).newest()).isEmpty();
    }

    @Test
    void recentAlertsAreNewestFirstBoundedAndListedOnce() {
        RecentAlerts alerts = new RecentAlerts(2);
        alerts.offer(decision("tx-1", NOW.minusSeconds(30)));
        alerts.offer(loginAlert("ana", NOW.minusSeconds(10)));
        alerts.offer(decision("tx-2", NOW.minusSeconds(20)));
        alerts.offer(decision("tx-2", NOW.minusSeconds(20)));

        List<RecentAlerts.Alert> newest = alerts.newestFirst();
        assertThat(newest).extracting(RecentAlerts.Alert::kind).containsExactly("login", "fraud");
        assertThat(newest.get(0).detail()).contains("DE, FR, IT, ES").contains("multi-country-session");
        assertThat(newest.get(1).id()).isEqualTo("tx-2");
        assertThat(newest.get(1).detail()).isEqualTo("DECLINE score 900: velocity");
    }

    @Test
    void alertsShowCardAndUserIdsByTheirLastFourCharactersUnlessToldOtherwise() {
        RecentAlerts masked = new RecentAlerts(5);
        RecentAlerts full = new RecentAlerts(5, true);
        for (RecentAlerts alerts : List.of(masked, full)) {
            alerts.offer(decision("tx-1", NOW));
            alerts.offer(loginAlert("user-123456", NOW.minusSeconds(1)));
        }

        assertThat(masked.newestFirst()).extracting(RecentAlerts.Alert::subject).containsExactly("…rd-1", "…3456");
        assertThat(full.newestFirst()).extracting(RecentAlerts.Alert::subject)
                .containsExactly("card-1", "user-123456");
        assertThat(RecentAlerts.masked("1234")).isEqualTo("…");
        assertThat(RecentAlerts.masked(null)).isNull();
    }

    @Test
    void decisionRatesCountTheWindowOnly() {
        DecisionRates rates = new DecisionRates(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(1));
        rates.record("APPROVE", NOW.minusSeconds(10));
        rates.record("APPROVE", NOW.minusSeconds(50));
        rates.record("DECLINE", NOW.minusSeconds(5));
        rates.record("REVIEW", NOW.minusSeconds(61));

        DecisionRates.View view = rates.rates();
        assertThat(view.window()).isEqualTo("PT1M");
        assertThat(view.counts()).containsEntry("APPROVE", 2L).containsEntry("REVIEW", 0L).containsEntry("DECLINE", 1L);
        assertThat(view.perMinute()).containsEntry("APPROVE", 2.0);
        assertThat(view.perSecond().get("DECLINE")).isEqualTo(1 / 60.0);
    }

    static TopPages topPages(Instant start, String page) {
        return TopPages.newBuilder().setWindowStart(start).setWindowEnd(start.plusSeconds(60))
                .setPages(List.of(new PageCount(page, 3L))).build();
    }

    static FraudDecision decision(String transactionId, Instant decidedAt) {
        return FraudDecision.newBuilder().setTransactionId(transactionId).setCardId("card-1").setScore(900)
                .setDecision("DECLINE").setReasons(List.of(Reason.newBuilder().setRuleId("velocity").setPoints(900)
                        .setDetail("many").build()))
                .setRulesetVersion(3).setEventTime(decidedAt).setDecidedAt(decidedAt).build();
    }

    static MultiCountryAlert loginAlert(String user, Instant detectedAt) {
        return MultiCountryAlert.newBuilder().setUserId(user).setWindowStart(detectedAt.minusSeconds(60))
                .setWindowEnd(detectedAt).setCountries(List.of("DE", "FR", "IT", "ES")).setLate(false).setUpdate(false)
                .setRuleId("multi-country-session").setRulesetVersion(1).setDetectedAt(detectedAt).build();
    }
}
