package io.riskstream.sessions;

import java.time.Clock;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.Streams;
import io.riskstream.platform.Topics;
import io.riskstream.siteevents.SiteEventReaders;
import io.riskstream.siteevents.SiteEventsInput;

/**
 * The sessions stream: {@code summarizeSessions}, bound to {@code site-events} → {@code session-summaries}, with
 * events past the allowed lateness to {@code late-site-events}. Its
 * input serde, and whether it dead-letters bad site events, come from {@code siteevents}.
 */
@Configuration(proxyBeanMethods = false)
class SessionsConfig {

    /** The name of the function bean below, as {@code spring.cloud.function.definition} names it. */
    static final String FUNCTION = Streams.SUMMARIZE_SESSIONS.function();

    @Bean
    Serde<SessionSummary> sessionSummarySerde(AvroSerdes serdes) {
        return serdes.of(Topics.SESSION_SUMMARIES);
    }

    @Bean
    Function<KStream<String, Decoded<SiteEvent>>, KStream<String, SessionSummary>> summarizeSessions(
            SessionSettings settings, SiteEventReaders readers, AvroSerdes serdes, InputLimits limits, Clock clock,
            MeterRegistry meters) {
        SiteEventsInput input = readers.input(FUNCTION, SessionTopology.SKIPPED_METRIC);
        Serde<SiteEvent> lateSerde = serdes.of(Topics.LATE_SITE_EVENTS);
        return events -> SessionTopology.build(events, input, settings, lateSerde, limits, clock, meters);
    }
}
