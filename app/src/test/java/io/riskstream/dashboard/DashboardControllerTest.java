package io.riskstream.dashboard;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class DashboardControllerTest {

    /** The windows below end a minute after NOW; the instance's clock reads 30 s after that. */
    private final MutableClock clock = new MutableClock(DashboardHoldersTest.NOW.plusSeconds(90));
    private final LatestTopPages topPages = new LatestTopPages(clock, Duration.ofMinutes(1));
    private final RecentAlerts alerts = new RecentAlerts(20);
    private final DecisionRates rates = new DecisionRates(Clock.fixed(DashboardHoldersTest.NOW, ZoneOffset.UTC),
            Duration.ofMinutes(1));
    private final ShadowAgreement shadow = new ShadowAgreement(clock, Duration.ofMinutes(5), Duration.ofMinutes(1), 100);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new DashboardController(topPages, rates, alerts,
            shadow)).build();

    @Test
    void topPagesIsNotFoundWithAMessageBeforeTheFirstWindow() throws Exception {
        mvc.perform(get("/api/top-pages"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value(DashboardController.NO_TOP_PAGES));
    }

    @Test
    void topPagesShowsTheNewestWindowWithIsoTimes() throws Exception {
        topPages.offer(DashboardHoldersTest.topPages(DashboardHoldersTest.NOW, "home"));

        mvc.perform(get("/api/top-pages"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.windowStart").value("2026-03-01T10:00:00Z"))
                .andExpect(jsonPath("$.windowEnd").value("2026-03-01T10:01:00Z"))
                .andExpect(jsonPath("$.pages[0].page").value("home"))
                .andExpect(jsonPath("$.pages[0].views").value(3));
    }

    @Test
    void topPagesSaysHowOldTheWindowIsAndWhenItIsStale() throws Exception {
        topPages.offer(DashboardHoldersTest.topPages(DashboardHoldersTest.NOW, "home"));

        mvc.perform(get("/api/top-pages"))
                .andExpect(jsonPath("$.ageSeconds").value(30))
                .andExpect(jsonPath("$.stale").value(false));

        clock.now = DashboardHoldersTest.NOW.plusSeconds(121);
        mvc.perform(get("/api/top-pages"))
                .andExpect(jsonPath("$.ageSeconds").value(61))
                .andExpect(jsonPath("$.stale").value(true));
    }

    @Test
    void shadowAgreementPairsEachShadowDecisionWithTheLiveOneInEitherOrder() throws Exception {
        mvc.perform(get("/api/decisions/shadow")).andExpect(jsonPath("$.active").value(false))
                .andExpect(jsonPath("$.agreementRate").isEmpty());
        Instant at = clock.now;
        shadow.shadow("t1", "DECLINE", 8, at);
        shadow.live("t1", "APPROVE", at);
        shadow.live("t2", "REVIEW", at);
        shadow.shadow("t2", "REVIEW", 8, at);
        shadow.shadow("t3", "APPROVE", 8, at);
        shadow.live("t4", "APPROVE", at);

        mvc.perform(get("/api/decisions/shadow"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.compared").value(2))
                .andExpect(jsonPath("$.agreeing").value(1))
                .andExpect(jsonPath("$.agreementRate").value(0.5))
                .andExpect(jsonPath("$.changes['APPROVE->DECLINE']").value(1))
                .andExpect(jsonPath("$.shadowVersions['8']").value(2));

        clock.now = clock.now.plus(Duration.ofMinutes(6));
        mvc.perform(get("/api/decisions/shadow")).andExpect(jsonPath("$.compared").value(0));
    }

    private static final class MutableClock extends Clock {

        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void ratesListEveryOutcome() throws Exception {
        rates.record("REVIEW", DashboardHoldersTest.NOW.minusSeconds(1));

        mvc.perform(get("/api/decisions/rates"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.window").value("PT1M"))
                .andExpect(jsonPath("$.perMinute.REVIEW").value(1.0))
                .andExpect(jsonPath("$.perMinute.APPROVE").value(0.0))
                .andExpect(jsonPath("$.counts.DECLINE").value(0));
    }

    @Test
    void recentAlertsCarryIsoTimesAndShowOnlyTheLastFourCharactersOfAUserOrCard() throws Exception {
        alerts.offer(DashboardHoldersTest.loginAlert("ana.lopez@example.com", DashboardHoldersTest.NOW));

        mvc.perform(get("/api/alerts/recent"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].kind").value("login"))
                .andExpect(jsonPath("$[0].subject").value("….com"))
                .andExpect(jsonPath("$[0].id").doesNotExist())
                .andExpect(jsonPath("$[0].at").value("2026-03-01T10:00:00Z"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("ana"))));
    }
}
