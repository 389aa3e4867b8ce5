package io.riskstream.siteevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ComponentScan;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.SiteEvent;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.DecodingSerde;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.TopologyTests;
import io.riskstream.platform.StreamBindings;
import io.riskstream.platform.Topics;
import io.riskstream.sessions.SessionSettings;
import io.riskstream.toppages.TopPagesSettings;

/**
 * The two streams that read {@code site-events} as the app wires them from its {@code application.yml}: whichever of
 * them are enabled, each bad site event is dead-lettered once. No broker: each function's topology runs in a driver.
 */
class SiteEventsWiringTest {

    static final String REGISTRY = "http://localhost:1/apis/registry/v2";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final InputLimits LIMITS = TopologyTests.lenientLimits(CLOCK);

    @EnableConfigurationProperties({SessionSettings.class, TopPagesSettings.class})
    @ComponentScan(basePackages = {"io.riskstream.siteevents", "io.riskstream.toppages", "io.riskstream.sessions"})
    static class SiteEventStreams {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            // As the app starts: the stream catalog says which functions run and what they read.
            .withInitializer(context -> new StreamBindings().postProcessEnvironment(context.getEnvironment(),
                    new SpringApplication()))
            .withUserConfiguration(SiteEventStreams.class)
            .withBean(AvroSerdes.class, () -> new AvroSerdes(REGISTRY, false))
            .withBean(InputLimits.class, () -> LIMITS)
            .withBean(Clock.class, () -> CLOCK)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void withBothStreamsOnEachBadEventIsDeadLetteredOnce() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasBean("siteEventInputSerde");
            assertThat(deadLettersOfOneBadEvent(context, "rankTopPages")).isEqualTo(1);
            assertThat(deadLettersOfOneBadEvent(context, "summarizeSessions")).isZero();
        });
    }

    @Test
    void withOnlyTheSessionsStreamOnBadEventsStillReachTheDeadLetterTopic() {
        runner.withPropertyValues("spring.cloud.function.definition=scoreTransactions;summarizeSessions")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(deadLettersOfOneBadEvent(context, "summarizeSessions")).isEqualTo(1);
                });
    }

    /** How many dead letters the function {@code function} of the context writes for one bad site event. */
    @SuppressWarnings("unchecked")
    private static int deadLettersOfOneBadEvent(ApplicationContext context, String function) {
        Function<KStream<String, Decoded<SiteEvent>>, KStream<String, ?>> stream =
                context.getBean(function, Function.class);
        StreamsBuilder builder = new StreamsBuilder();
        stream.apply(builder.stream(Topics.SITE_EVENTS.name(), Consumed.with(Serdes.String(),
                new DecodingSerde<>(SiteEventSubject.EVENTS, SiteEvent.class))));
        try (TopologyTestDriver driver = TopologyTests.driver(builder.build(), LIMITS)) {
            SiteEvent keyedByAnotherUser = SiteEvent.newBuilder().setEventId("e1").setUserId("ana").setType("PAGE_VIEW")
                    .setPage("/").setEventTime(NOW).build();
            driver.createInputTopic(Topics.SITE_EVENTS.name(), Serdes.String().serializer(),
                    SiteEventSubject.EVENTS.serializer()).pipeInput("ben", keyedByAnotherUser, NOW);
            return driver.createOutputTopic(Topics.SITE_EVENTS.deadLetterTopic(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer()).readRecordsToList().size();
        }
    }
}
