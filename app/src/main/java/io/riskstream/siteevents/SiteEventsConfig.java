package io.riskstream.siteevents;

import org.apache.kafka.common.serialization.Serde;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.riskstream.events.SiteEvent;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.Topics;

/** The {@code site-events} input, shared by every stream that reads it. */
@Configuration(proxyBeanMethods = false)
class SiteEventsConfig {

    /** The binder picks input serdes by type: every stream reading site events decodes them with this one. */
    @Bean
    Serde<Decoded<SiteEvent>> siteEventInputSerde(AvroSerdes serdes) {
        return serdes.decoding(Topics.SITE_EVENTS);
    }

    @Bean
    SiteEventReaders siteEventReaders(Environment environment) {
        return SiteEventReaders.of(environment);
    }
}
