package io.riskstream.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.platform.DeadLetterChecks;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.DecodingSerde;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.TestAvroSerde;
import io.riskstream.platform.TopologyTests;
import io.riskstream.platform.Topics;
import io.riskstream.siteevents.SiteEventsInput;

class SessionTopologyTest {

    static final Serde<SiteEvent> EVENTS = TestAvroSerde.of(SiteEvent.class);
    static final Serde<SessionSummary> SUMMARIES = TestAvroSerde.of(SessionSummary.class);
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant CLOSED_AT = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(CLOSED_AT, ZoneOffset.UTC);
    static final InputLimits LIMITS = TopologyTests.lenientLimits(CLOCK);
    static final SessionSettings SETTINGS = new SessionSettings(Duration.ofMinutes(30), Duration.ofMinutes(1),
            Duration.ofMinutes(30), Duration.ofSeconds(5));
    /** As in the app with both site-events streams on: the top-pages stream writes the dead letters. */
    static final SiteEventsInput SKIPPING = SiteEventsInput.skipping(SessionTopology.SKIPPED_METRIC);
    /** Past gap + grace + a close check after the last event. */
    static final Duration CLOSES = Duration.ofMinutes(31).plusSeconds(10);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SiteEvent> events;
    private TestOutputTopic<String, SessionSummary> summaries;

    @BeforeEach
    void start() {
        driver = driver(SKIPPING, SETTINGS, LIMITS, CLOCK, meters);
        events = driver.createInputTopic(Topics.SITE_EVENTS.name(), Serdes.String().serializer(), EVENTS.serializer());
        summaries = driver.createOutputTopic(Topics.SESSION_SUMMARIES.name(), Serdes.String().deserializer(),
                SUMMARIES.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void closedSessionIsSummarizedOnce() {
        send("ana", "PAGE_VIEW", null, 0);
        send("ana", "ADD_TO_CART", 2000L, 10);
        send("ana", "PAGE_VIEW", null, 15);
        send("ana", "REMOVE_FROM_CART", 500L, 20);
        send("ana", "CHECKOUT", null, 25);
        sendAt("other", "PAGE_VIEW", null, Duration.ofMinutes(25).plus(CLOSES));
        driver.advanceWallClockTime(Duration.ofHours(2));

        List<SessionSummary> closed = summaries.readValuesToList();
        assertThat(closed).hasSize(2);
        SessionSummary ana = closed.get(0);
        assertThat(ana.getUserId()).isEqualTo("ana");
        assertThat(ana.getSessionStart()).isEqualTo(T0);
        assertThat(ana.getSessionEnd()).isEqualTo(T0.plus(Duration.ofMinutes(25)));
        assertThat(ana.getDurationMs()).isEqualTo(Duration.ofMinutes(25).toMillis());
        assertThat(ana.getEvents()).isEqualTo(5);
        assertThat(ana.getPageViews()).isEqualTo(2);
        assertThat(ana.getCartValueMinor()).isEqualTo(1500);
        assertThat(ana.getCheckedOut()).isTrue();
        assertThat(ana.getClosedAt()).isEqualTo(CLOSED_AT);
        assertThat(closed.get(1).getUserId()).isEqualTo("other");
    }

    @Test
    void eventsFurtherApartThanTheGapMakeTwoSessions() {
        send("ben", "PAGE_VIEW", null, 0);
        send("ben", "PAGE_VIEW", null, 31);
        driver.advanceWallClockTime(CLOSES.plusMinutes(31));

        assertThat(summaries.readValuesToList()).extracting(SessionSummary::getEvents).containsExactly(1L, 1L);
    }

    @Test
    void eventExactlyTheGapAwayJoinsTheSession() {
        send("cat", "PAGE_VIEW", null, 0);
        send("cat", "PAGE_VIEW", null, 30);
        driver.advanceWallClockTime(CLOSES.plusMinutes(30));

        assertThat(summaries.readValuesToList()).extracting(SessionSummary::getEvents).containsExactly(2L);
    }

    @Test
    void bridgingEventMergesTwoSessionsIntoOneSummary() {
        send("dan", "ADD_TO_CART", 100L, 0);
        sendAt("dan", "ADD_TO_CART", 200L, Duration.ofMinutes(30).plusSeconds(30));
        send("dan", "PAGE_VIEW", null, 15);
        driver.advanceWallClockTime(CLOSES.plusMinutes(31));

        List<SessionSummary> closed = summaries.readValuesToList();
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).getEvents()).isEqualTo(3);
        assertThat(closed.get(0).getCartValueMinor()).isEqualTo(300);
        assertThat(closed.get(0).getDurationMs()).isEqualTo(Duration.ofMinutes(30).plusSeconds(30).toMillis());
    }

    @Test
    void eventLaterThanTheGraceMergesAndItsSummarySupersedesTheEarlierOne() {
        send("dan", "ADD_TO_CART", 100L, 0);
        send("dan", "ADD_TO_CART", 200L, 50);
        send("dan", "PAGE_VIEW", null, 25);
        driver.advanceWallClockTime(CLOSES.plusMinutes(50));

        List<SessionSummary> closed = summaries.readValuesToList();
        assertThat(closed).extracting(SessionSummary::getEvents, SessionSummary::getRevision)
                .containsExactly(tuple(1L, 1), tuple(3L, 2));
        assertThat(closed.get(1).getSupersedes()).containsExactly(T0);
        assertThat(closed.get(1).getCartValueMinor()).isEqualTo(300);
        assertThat(count(meters, SessionProcessor.LATE_METRIC)).isEqualTo(1.0);
    }

    @Test
    void lateEventBridgingTwoSummarizedSessionsMergesThemAndSupersedesBoth() {
        send("dan", "PAGE_VIEW", null, 0);
        send("dan", "PAGE_VIEW", null, 35);
        driver.advanceWallClockTime(CLOSES);
        assertThat(summaries.readValuesToList()).extracting(SessionSummary::getEvents).containsExactly(1L, 1L);

        send("dan", "PAGE_VIEW", null, 17);
        driver.advanceWallClockTime(CLOSES);

        SessionSummary merged = summaries.readValue();
        assertThat(merged.getEvents()).isEqualTo(3);
        assertThat(merged.getSessionStart()).isEqualTo(T0);
        assertThat(merged.getSessionEnd()).isEqualTo(T0.plus(Duration.ofMinutes(35)));
        assertThat(merged.getRevision()).isEqualTo(2);
        assertThat(merged.getSupersedes()).containsExactly(T0, T0.plus(Duration.ofMinutes(35)));
        assertThat(summaries.isEmpty()).isTrue();
    }

    @Test
    void eventPastTheAllowedLatenessGoesToTheAuditTopicCounted() {
        cartThenAnotherUserThenLateCart(58);

        assertThat(summaries.readValuesToList()).filteredOn(summary -> summary.getUserId().equals("dan"))
                .extracting(SessionSummary::getEvents).containsExactly(1L);
        List<TestRecord<String, SiteEvent>> late = driver.createOutputTopic(Topics.LATE_SITE_EVENTS.name(),
                Serdes.String().deserializer(), EVENTS.deserializer()).readRecordsToList();
        assertThat(late).extracting(record -> record.value().getEventTime())
                .containsExactly(T0.plus(Duration.ofMinutes(58)));
        assertThat(new String(late.get(0).headers().lastHeader(SessionProcessor.STREAM_TIME_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo(T0.plus(Duration.ofMinutes(120)).toString());
        assertThat(late.get(0).headers().lastHeader(SessionProcessor.LATE_REASON_HEADER)).isNotNull();
        assertThat(meters.counter(SessionProcessor.LATE_METRIC, "kind", "past-lateness").count()).isEqualTo(1.0);
    }

    @Test
    void eventJustWithinTheAllowedLatenessStillCounts() {
        cartThenAnotherUserThenLateCart(59);

        assertThat(summaries.readValuesToList()).filteredOn(summary -> summary.getUserId().equals("dan"))
                .extracting(SessionSummary::getEvents).containsExactly(1L, 1L);
    }

    @Test
    void eventAtTheEdgeOfTheLatenessStillJoinsTheSummarizedSessionAGapBeforeIt() {
        send("dan", "PAGE_VIEW", null, 0);
        send("other", "PAGE_VIEW", null, 91);
        // Another close check, at the same stream time: dan's session is summarized, and kept.
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        // 91 - 30 - 1 - 30 = 30: the latest an event may be; it is within the gap of dan's session at 0.
        send("dan", "PAGE_VIEW", null, 30);
        driver.advanceWallClockTime(CLOSES);

        assertThat(summaries.readValuesToList()).filteredOn(summary -> summary.getUserId().equals("dan"))
                .extracting(SessionSummary::getEvents, SessionSummary::getRevision, SessionSummary::getSupersedes)
                .containsExactly(tuple(1L, 1, List.of()), tuple(2L, 2, List.of(T0)));
    }

    /** Stream time at 120 minutes: the lateness ends at 120 - 30 - 1 - 30 = 59. */
    private void cartThenAnotherUserThenLateCart(int lateMinute) {
        send("dan", "ADD_TO_CART", 900L, 0);
        send("other", "PAGE_VIEW", null, 120);
        send("dan", "ADD_TO_CART", 900L, lateMinute);
        driver.advanceWallClockTime(CLOSES);
    }

    @Test
    void aRepeatedEventIdCountsOnceAndIsCounted() {
        SiteEvent view = event("ana", "PAGE_VIEW", null, T0);
        SiteEvent cart = event("ana", "ADD_TO_CART", 1000L, T0.plusSeconds(60));
        for (SiteEvent sent : List.of(view, cart, view, cart, event("ana", "PAGE_VIEW", null, T0.plusSeconds(90)))) {
            events.pipeInput("ana", sent, sent.getEventTime());
        }
        driver.advanceWallClockTime(CLOSES);

        SessionSummary ana = summaries.readValue();
        assertThat(ana.getEvents()).isEqualTo(3);
        assertThat(ana.getPageViews()).isEqualTo(2);
        assertThat(ana.getCartValueMinor()).isEqualTo(1000);
        assertThat(count(meters, SessionProcessor.DUPLICATES_METRIC)).isEqualTo(2.0);
    }

    @Test
    void theSameEventIdOfAnotherUserIsAnotherEvent() {
        SiteEvent ana = event("ana", "PAGE_VIEW", null, T0);
        SiteEvent bob = event("bob", "PAGE_VIEW", null, T0);
        bob.setEventId(ana.getEventId());
        events.pipeInput("ana", ana, T0);
        events.pipeInput("bob", bob, T0);
        driver.advanceWallClockTime(CLOSES);

        assertThat(summaries.readValuesToList()).extracting(SessionSummary::getUserId).containsExactly("ana", "bob");
    }

    @Test
    void summarizedSessionsAreForgottenOnceTheLatenessHasPassed() {
        send("dan", "PAGE_VIEW", null, 0);
        send("other", "PAGE_VIEW", null, 200);
        send("other", "PAGE_VIEW", null, 201);

        assertThat(summaries.readValuesToList()).extracting(SessionSummary::getUserId).containsExactly("dan");
        try (var stored = driver.<String, SessionAccumulator>getSessionStore(SessionTopology.SESSIONS_STORE)
                .fetch("dan")) {
            assertThat(stored.hasNext()).isFalse();
        }
    }

    @Test
    void idleUserSessionClosesOnWallClock() {
        send("eve", "PAGE_VIEW", null, 0);

        driver.advanceWallClockTime(Duration.ofMinutes(31).minusSeconds(1));
        assertThat(summaries.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(10));
        SessionSummary eve = summaries.readValue();
        assertThat(eve.getUserId()).isEqualTo("eve");
        assertThat(eve.getCheckedOut()).isFalse();

        driver.advanceWallClockTime(Duration.ofHours(1));
        assertThat(summaries.isEmpty()).isTrue();
    }

    @Test
    void backlogOfOldEventsDoesNotCloseSessionsOnWallClock() {
        send("fay", "PAGE_VIEW", null, 0);
        driver.advanceWallClockTime(Duration.ofMinutes(20));
        send("gus", "PAGE_VIEW", null, 1);
        driver.advanceWallClockTime(Duration.ofMinutes(20));
        send("fay", "PAGE_VIEW", null, 21);
        driver.advanceWallClockTime(Duration.ofHours(1));

        assertThat(summaries.readValuesToList()).filteredOn(summary -> summary.getUserId().equals("fay"))
                .extracting(SessionSummary::getEvents).containsExactly(2L);
    }

    @Test
    void unknownEventTypesCountAsEventsOnly() {
        send("hal", "WISHLIST_ADD", 999L, 0);
        send("hal", "PAGE_VIEW", null, 1);
        driver.advanceWallClockTime(CLOSES.plusMinutes(1));

        SessionSummary hal = summaries.readValue();
        assertThat(hal.getEvents()).isEqualTo(2);
        assertThat(hal.getPageViews()).isEqualTo(1);
        assertThat(hal.getCartValueMinor()).isZero();
    }

    @Test
    void badEventsAreSkippedAndCountedNotSummarized() {
        send("ivy", "ADD_TO_CART", null, 0);
        events.pipeInput("ivy", event("not-ivy", "PAGE_VIEW", null, T0), T0);
        driver.advanceWallClockTime(CLOSES);

        assertThat(summaries.isEmpty()).isTrue();
        assertThat(deadLetters(driver).isEmpty()).isTrue();
        assertThat(count(meters, SessionTopology.SKIPPED_METRIC)).isEqualTo(2.0);
    }

    @Test
    void whenItWritesTheDeadLettersBadEventsGoToTheDeadLetterTopicOnce() {
        SimpleMeterRegistry alone = new SimpleMeterRegistry();
        try (TopologyTestDriver sessionsAlone = driver(SiteEventsInput.deadLettering(), SETTINGS, LIMITS, CLOCK,
                alone)) {
            TestInputTopic<String, SiteEvent> input = sessionsAlone.createInputTopic(Topics.SITE_EVENTS.name(),
                    Serdes.String().serializer(), EVENTS.serializer());
            input.pipeInput("ivy", event("ivy", "ADD_TO_CART", null, T0), T0);
            input.pipeInput("ivy", event("not-ivy", "PAGE_VIEW", null, T0), T0);
            input.pipeInput("ivy", event("ivy", "PAGE_VIEW", null, T0), T0);
            sessionsAlone.advanceWallClockTime(CLOSES);

            assertThat(deadLetters(sessionsAlone).readRecordsToList())
                    .extracting(letter -> DeadLetterChecks.header(letter, DeadLetters.REASON_CODE_HEADER))
                    .containsExactly("invalid", "invalid");
            assertThat(count(alone, DeadLetters.METRIC)).isEqualTo(2.0);
            assertThat(alone.find(SessionTopology.SKIPPED_METRIC).counters()).isEmpty();
            assertThat(sessionsAlone.createOutputTopic(Topics.SESSION_SUMMARIES.name(), Serdes.String().deserializer(),
                    SUMMARIES.deserializer()).readValuesToList()).extracting(SessionSummary::getEvents)
                    .containsExactly(1L);
        }
    }

    private static TestOutputTopic<String, byte[]> deadLetters(TopologyTestDriver driver) {
        return driver.createOutputTopic(Topics.SITE_EVENTS.deadLetterTopic(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    static double count(MeterRegistry meters, String metric) {
        return meters.find(metric).counters().stream().mapToDouble(counter -> counter.count()).sum();
    }

    /** The sessions stream, as the app builds it, in a driver: site events in, summaries out. */
    static TopologyTestDriver driver(SiteEventsInput reading, SessionSettings settings, InputLimits limits, Clock clock,
                                     MeterRegistry meters) {
        StreamsBuilder builder = new StreamsBuilder();
        SessionTopology.build(builder.stream(Topics.SITE_EVENTS.name(),
                                Consumed.with(Serdes.String(), new DecodingSerde<>(EVENTS, SiteEvent.class))), reading,
                        settings, EVENTS, limits, clock, meters)
                .to(Topics.SESSION_SUMMARIES.name(), Produced.with(Serdes.String(), SUMMARIES));
        return TopologyTests.driver(builder.build(), limits);
    }

    private void send(String user, String type, Long amountMinor, int minute) {
        sendAt(user, type, amountMinor, Duration.ofMinutes(minute));
    }

    private void sendAt(String user, String type, Long amountMinor, Duration sinceT0) {
        Instant time = T0.plus(sinceT0);
        events.pipeInput(user, event(user, type, amountMinor, time), time);
    }

    static SiteEvent event(String user, String type, Long amountMinor, Instant time) {
        return SiteEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setUserId(user).setType(type)
                .setPage("/p").setAmountMinor(amountMinor).setEventTime(time).build();
    }
}
