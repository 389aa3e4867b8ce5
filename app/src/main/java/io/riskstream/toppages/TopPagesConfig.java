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
import io.riskstream.platform.Streams;
import io.riskstream.platform.Topics;
import io.riskstream.siteevents.SiteEventReaders;
import io.riskstream.siteevents.SiteEventsInput;

/**
 * The top-pages stream: {@code rankTopPages}, bound to {@code site-events} → {@code top-pages}. Its input serde, and
 * whether it dead-letters bad site events, come from {@code siteevents}.
 */
@Configuration(proxyBeanMethods = false)
class TopPagesConfig {

    /** The name of the function bean below, as {@code spring.cloud.function.definition} names it. */
    static final String FUNCTION = Streams.RANK_TOP_PAGES.function();

    @Bean
    Serde<TopPages> topPagesSerde(AvroSerdes serdes) {
        return serdes.of(Topics.TOP_PAGES);
    }

    @Bean
    Function<KStream<String, Decoded<SiteEvent>>, KStream<String, TopPages>> rankTopPages(TopPagesSettings settings,
                                                                                         SiteEventReaders readers,
                                                                                         InputLimits limits,
                                                                                         MeterRegistry meters) {
        SiteEventsInput input = readers.input(FUNCTION, TopPagesTopology.SKIPPED_METRIC);
        return events -> TopPagesTopology.build(events, input, settings, limits, meters);
    }
}
