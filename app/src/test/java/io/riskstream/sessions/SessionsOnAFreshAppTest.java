package io.riskstream.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.TopologyTests;
import io.riskstream.platform.Topics;

/**
 * Issue 11's first finding: an app that sat idle ~30 s before its first site events, then read a backlog of 39
 * sessions spread over many hours, summarized 2 of them. Every session of the backlog must come out, once.
 */
class SessionsOnAFreshAppTest {

    static final Instant HISTORY_START = Instant.parse("2026-11-26T00:00:00Z");
    /** The wall clock is now: the whole history is hours old when it arrives. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T23:00:00Z"), ZoneOffset.UTC);
    static final InputLimits LIMITS = TopologyTests.lenientLimits(CLOCK);
    static final int SESSIONS = 39;

    @Test
    void anAppIdleBeforeItsFirstEventsSummarizesEverySessionOfABacklog() {
        try (TopologyTestDriver driver = SessionTopologyTest.driver(SessionTopologyTest.SKIPPING,
                SessionTopologyTest.SETTINGS, LIMITS, CLOCK, new SimpleMeterRegistry())) {
            TestInputTopic<String, SiteEvent> events = driver.createInputTopic(Topics.SITE_EVENTS.name(),
                    Serdes.String().serializer(), SessionTopologyTest.EVENTS.serializer());
            driver.advanceWallClockTime(Duration.ofSeconds(30));
            sendHistory(events);
            driver.advanceWallClockTime(SessionTopologyTest.CLOSES);

            assertThat(summaries(driver)).extracting(SessionSummary::getEvents).hasSize(SESSIONS).containsOnly(3L);
        }
    }

    /**
     * The same history behind a newer event: whatever the store's retention no longer keeps is past the allowed
     * lateness, so it is on {@code late-site-events} and counted; the rest is summarized. Nothing is dropped unseen.
     */
    @Test
    void aBacklogBehindANewerEventIsSummarizedOrAuditedNeverLost() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TopologyTestDriver driver = SessionTopologyTest.driver(SessionTopologyTest.SKIPPING,
                SessionTopologyTest.SETTINGS, LIMITS, CLOCK, meters)) {
            TestInputTopic<String, SiteEvent> events = driver.createInputTopic(Topics.SITE_EVENTS.name(),
                    Serdes.String().serializer(), SessionTopologyTest.EVENTS.serializer());
            driver.advanceWallClockTime(Duration.ofSeconds(30));
            Instant newest = HISTORY_START.plus(Duration.ofMinutes(35L * (SESSIONS - 1) + 10));
            events.pipeInput("probe", SessionTopologyTest.event("probe", "PAGE_VIEW", null, newest), newest);
            sendHistory(events);
            driver.advanceWallClockTime(SessionTopologyTest.CLOSES);

            long summarized = summaries(driver).stream().filter(summary -> !summary.getUserId().equals("probe"))
                    .mapToLong(SessionSummary::getEvents).sum();
            long late = driver.createOutputTopic(Topics.LATE_SITE_EVENTS.name(), Serdes.String().deserializer(),
                    SessionTopologyTest.EVENTS.deserializer()).getQueueSize();
            assertThat(summarized).as("events summarized").isPositive();
            assertThat(summarized + late).as("events summarized or audited").isEqualTo(3L * SESSIONS);
            assertThat(meters.counter(SessionProcessor.LATE_METRIC, "kind", "past-lateness").count())
                    .isEqualTo((double) late);
        }
    }

    /** Three shoppers, a session of three events each every 35 minutes of the history, in time order. */
    private static void sendHistory(TestInputTopic<String, SiteEvent> events) {
        for (int session = 0; session < SESSIONS; session++) {
            String user = "shopper-" + session % 3;
            Instant start = HISTORY_START.plus(Duration.ofMinutes(35L * session));
            for (int event = 0; event < 3; event++) {
                Instant at = start.plus(Duration.ofMinutes(event));
                events.pipeInput(user, SessionTopologyTest.event(user, "PAGE_VIEW", null, at), at);
            }
        }
    }

    private static List<SessionSummary> summaries(TopologyTestDriver driver) {
        return driver.createOutputTopic(Topics.SESSION_SUMMARIES.name(), Serdes.String().deserializer(),
                SessionTopologyTest.SUMMARIES.deserializer()).readValuesToList();
    }
}
