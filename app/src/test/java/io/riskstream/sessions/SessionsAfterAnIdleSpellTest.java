package io.riskstream.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.TestAvroSerde;
import io.riskstream.platform.TopologyTests;
import io.riskstream.platform.Topics;

/**
 * A partition that is idle (or busy with records the sessions stream skips) while the wall clock runs on, and then
 * delivers events older than that wall-clock "now": a backlog after a restart, or a producer that flushes what it
 * buffered during an outage. Every session of the backlog must still be summarized.
 *
 * <p>Found by {@code HostileInputIT} under load: after a kill -9, the sessions task spent its first seconds on the
 * in-flight hostile records (which it skips), the wall-clock punctuator moved its last close check ahead of the
 * backlog's event times, the checks on arrival were skipped until stream time caught up with it, and by then the
 * first sessions of the backlog were older than the session store's retention behind its observed stream time, so
 * that {@code findSessions} no longer returned them: never closed, never summarized.
 */
class SessionsAfterAnIdleSpellTest {

    static final Serde<SiteEvent> EVENTS = TestAvroSerde.of(SiteEvent.class);
    static final Serde<SessionSummary> SUMMARIES = TestAvroSerde.of(SessionSummary.class);
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final InputLimits LIMITS = TopologyTests.lenientLimits(CLOCK);
    /** Short, as HostileInputIT runs the app: the store keeps sessions 2 * 5 s + 1 s behind its stream time. */
    static final SessionSettings SETTINGS = new SessionSettings(Duration.ofSeconds(5), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(1));
    static final int BACKLOG_SECONDS = 30;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SiteEvent> events;
    private TestOutputTopic<String, SessionSummary> summaries;

    @BeforeEach
    void start() {
        driver = SessionTopologyTest.driver(SessionTopologyTest.SKIPPING, SETTINGS, LIMITS, CLOCK, meters);
        events = driver.createInputTopic(Topics.SITE_EVENTS.name(), Serdes.String().serializer(), EVENTS.serializer());
        summaries = driver.createOutputTopic(Topics.SESSION_SUMMARIES.name(), Serdes.String().deserializer(),
                SUMMARIES.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void everySessionOfABacklogThatArrivesAfterAnIdleSpellIsSummarized() {
        send("first", T0);
        // Nothing arrives for 20 s of wall clock: the punctuator checks for closing sessions at "now" = 20 s.
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        // Then a backlog: one shopper a second, from 1 s on, all at once.
        List<String> backlog = new ArrayList<>();
        for (int second = 1; second <= BACKLOG_SECONDS; second++) {
            String shopper = "shopper-" + second;
            send(shopper, T0.plusSeconds(second));
            backlog.add(shopper);
        }
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        List<String> summarized = summaries.readValuesToList().stream().map(SessionSummary::getUserId).toList();
        assertThat(summarized).as("users with a session summary").containsAll(backlog).contains("first")
                .doesNotHaveDuplicates();
    }

    private void send(String user, Instant at) {
        events.pipeInput(user, SiteEvent.newBuilder().setEventId(user + "-" + at.toEpochMilli()).setUserId(user)
                .setType("PAGE_VIEW").setPage("/p/1").setAmountMinor(null).setEventTime(at).build(), at);
    }
}
