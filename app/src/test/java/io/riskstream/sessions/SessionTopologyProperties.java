package io.riskstream.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.platform.HostileInputs;
import io.riskstream.platform.HostileInputs.Batch;
import io.riskstream.platform.HostileInputs.Fate;
import io.riskstream.platform.HostileInputs.Shape;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.TestAvroSerde;
import io.riskstream.platform.Topics;
import io.riskstream.siteevents.SiteEventSubject;
import io.riskstream.siteevents.SiteEventsChecks;
import io.riskstream.siteevents.SiteEventsInput;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The sessions stream against generated site events mixed with every class of bad record: nothing throws, every
 * bad record is in {@code site-events.dlq} once (or, when another stream writes the dead letters, skipped and
 * counted), and once every session has closed, each user's summaries add up to exactly the user's good events.
 */
class SessionTopologyProperties {

    static final Serde<SessionSummary> SUMMARIES = TestAvroSerde.of(SessionSummary.class);
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final InputLimits LIMITS = InputLimits.defaults(CLOCK);
    static final SessionSettings SETTINGS = new SessionSettings(Duration.ofMinutes(30), Duration.ofMinutes(1),
            Duration.ofMinutes(30), Duration.ofSeconds(5));

    @Provide
    Arbitrary<List<Shape>> batches() {
        return HostileInputs.shapeLists(false);
    }

    @Property(tries = 15)
    void everyGoodEventIsInItsUsersSummariesAndEveryBadOneDeadLetteredOrSkipped(
            @ForAll("batches") List<Shape> shapes, @ForAll long seed, @ForAll boolean writesDeadLetters) {
        Batch batch = HostileInputs.batch(shapes, seed, SiteEventSubject.of(false, NOW), LIMITS,
                Duration.ofMinutes(20), true);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SiteEventsInput reading = SiteEventsChecks.reading(writesDeadLetters, SessionTopology.SKIPPED_METRIC);
        try (TopologyTestDriver driver = SessionTopologyTest.driver(reading, SETTINGS, LIMITS, CLOCK, meters)) {
            batch.sendTo(driver.createInputTopic(Topics.SITE_EVENTS.name(), Serdes.String().serializer(),
                    Serdes.ByteArray().serializer()));
            driver.advanceWallClockTime(Duration.ofHours(2));

            Map<String, Long> summarized = driver.createOutputTopic(Topics.SESSION_SUMMARIES.name(),
                            Serdes.String().deserializer(), SUMMARIES.deserializer()).readValuesToList().stream()
                    .collect(Collectors.groupingBy(SessionSummary::getUserId,
                            Collectors.summingLong(SessionSummary::getEvents)));
            Map<String, Long> expected = batch.withFate(Fate.PROCESSED).stream()
                    .collect(Collectors.groupingBy(input -> ((SiteEvent) input.decoded()).getUserId(),
                            Collectors.counting()));
            assertThat(summarized).as("events summarized per user").isEqualTo(expected);
            SiteEventsChecks.badOnesDeadLetteredOrSkipped(batch, driver, reading, meters,
                    SessionTopology.SKIPPED_METRIC);
        }
    }

}
