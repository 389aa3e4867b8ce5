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
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.Topics;

/**
 * The sessions stream: {@code summarizeSessions}, bound to {@code site-events} → {@code session-summaries}. Its
 * input serde is the {@code Serde<Decoded<SiteEvent>>} bean of the top-pages stream.
 */
@Configuration(proxyBeanMethods = false)
class SessionsConfig {

    @Bean
    Serde<SessionSummary> sessionSummarySerde(AvroSerdes serdes) {
        return serdes.of(Topics.SESSION_SUMMARIES);
    }

    @Bean
    Function<KStream<String, Decoded<SiteEvent>>, KStream<String, SessionSummary>> summarizeSessions(
            SessionSettings settings, InputLimits limits, Clock clock, MeterRegistry meters) {
        return events -> SessionTopology.build(events, settings, limits, clock, meters);
    }
}
