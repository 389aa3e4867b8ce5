package io.riskstream.toppages;

import java.util.function.Function;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.TopPages;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.Topics;

/** The top-pages stream: {@code rankTopPages}, bound to {@code site-events} → {@code top-pages}. */
@Configuration(proxyBeanMethods = false)
class TopPagesConfig {

    /** The binder picks input serdes by type; {@code summarizeSessions} reads site events with it too. */
    @Bean
    Serde<Decoded<SiteEvent>> siteEventInputSerde(AvroSerdes serdes) {
        return serdes.decoding(Topics.SITE_EVENTS);
    }

    @Bean
    Serde<TopPages> topPagesSerde(AvroSerdes serdes) {
        return serdes.of(Topics.TOP_PAGES);
    }

    @Bean
    Function<KStream<String, Decoded<SiteEvent>>, KStream<String, TopPages>> rankTopPages(TopPagesSettings settings,
                                                                                         InputLimits limits,
                                                                                         MeterRegistry meters) {
        return events -> TopPagesTopology.build(events, settings, limits, meters);
    }
}
