package io.riskstream.toppages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.TopPages;
import io.riskstream.platform.DecodingSerde;
import io.riskstream.platform.HostileInputs;
import io.riskstream.platform.HostileInputs.Batch;
import io.riskstream.platform.HostileInputs.Fate;
import io.riskstream.platform.HostileInputs.Shape;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.TestAvroSerde;
import io.riskstream.platform.Topics;
import io.riskstream.platform.TopologyTests;
import io.riskstream.siteevents.SiteEventSubject;
import io.riskstream.siteevents.SiteEventsChecks;
import io.riskstream.siteevents.SiteEventsInput;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The top-pages stream against generated page views mixed with every class of bad record: nothing throws, every
 * bad record is in {@code site-events.dlq} once with its reason (or, when another stream writes the dead letters,
 * skipped and counted), and every good page view is counted in each of the windows it falls in (with at most ten
 * pages, every page of a window is published).
 */
class TopPagesTopologyProperties {

    static final Serde<TopPages> TOP_PAGES = TestAvroSerde.of(TopPages.class);
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final InputLimits LIMITS = InputLimits.defaults(Clock.fixed(NOW, ZoneOffset.UTC));
    static final TopPagesSettings SETTINGS = new TopPagesSettings(Duration.ofMinutes(1), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1));
    /** Each page view is in this many windows. */
    static final long WINDOWS_PER_VIEW = SETTINGS.windowSize().dividedBy(SETTINGS.advance());
    static final String TICK = "/tick";

    @Provide
    Arbitrary<List<Shape>> batches() {
        return HostileInputs.shapeLists(false);
    }

    @Property(tries = 15)
    void everyPageViewIsCountedAndEveryBadEventDeadLetteredOrSkipped(@ForAll("batches") List<Shape> shapes,
                                                                     @ForAll long seed,
                                                                     @ForAll boolean writesDeadLetters) {
        Batch batch = HostileInputs.batch(shapes, seed, SiteEventSubject.of(true, NOW), LIMITS,
                Duration.ofMinutes(3), true);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SiteEventsInput reading = SiteEventsChecks.reading(writesDeadLetters, TopPagesTopology.SKIPPED_METRIC);
        try (TopologyTestDriver driver = driver(reading, meters)) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic(Topics.SITE_EVENTS.name(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            batch.sendTo(input);
            // A page view past the last window's end and grace closes every window the batch's views are in.
            Instant closing = NOW.plus(SETTINGS.windowSize()).plus(SETTINGS.grace()).plusSeconds(1);
            input.pipeInput("user-0", SiteEventSubject.EVENTS.serializer().serialize("t", SiteEvent.newBuilder()
                    .setEventId("tick").setUserId("user-0").setType("PAGE_VIEW").setPage(TICK)
                    .setEventTime(closing).build()));
            driver.advanceWallClockTime(SETTINGS.idleAfter());

            long counted = driver.createOutputTopic(Topics.TOP_PAGES.name(), Serdes.String().deserializer(),
                            TOP_PAGES.deserializer()).readValuesToList().stream()
                    .flatMap(window -> window.getPages().stream())
                    .filter(page -> !page.getPage().equals(TICK))
                    .mapToLong(page -> page.getViews()).sum();
            assertThat(counted).as("page views counted over all windows")
                    .isEqualTo(WINDOWS_PER_VIEW * batch.withFate(Fate.PROCESSED).size());
            SiteEventsChecks.badOnesDeadLetteredOrSkipped(batch, driver, reading, meters,
                    TopPagesTopology.SKIPPED_METRIC);
        }
    }

    private static TopologyTestDriver driver(SiteEventsInput reading, SimpleMeterRegistry meters) {
        StreamsBuilder builder = new StreamsBuilder();
        TopPagesTopology.build(builder.stream(Topics.SITE_EVENTS.name(), Consumed.with(Serdes.String(),
                        new DecodingSerde<>(SiteEventSubject.EVENTS, SiteEvent.class))), reading, SETTINGS, 1,
                        SiteEventSubject.EVENTS, LIMITS, meters)
                .to(Topics.TOP_PAGES.name(), Produced.with(Serdes.String(), TOP_PAGES));
        return TopologyTests.driver(builder.build(), LIMITS);
    }
}
