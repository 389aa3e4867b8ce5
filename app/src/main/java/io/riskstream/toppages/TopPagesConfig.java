package io.riskstream.toppages;

import java.util.function.Function;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.KStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.TopPages;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.RiskstreamProperties;
import io.riskstream.platform.Streams;
import io.riskstream.platform.Topics;
import io.riskstream.siteevents.SiteEventReaders;
import io.riskstream.siteevents.SiteEventsInput;

/**
 * The top-pages stream: {@code rankTopPages}, bound to {@code site-events} → {@code top-pages}, writing late page
 * views to {@code late-page-views}. Its input serde, and whether it dead-letters bad site events, come from
 * {@code siteevents}.
 */
@Configuration(proxyBeanMethods = false)
class TopPagesConfig {

    /** The name of the function bean below, as {@code spring.cloud.function.definition} names it. */
    static final String FUNCTION = Streams.RANK_TOP_PAGES.function();
    private static final String INPUT = Streams.RANK_TOP_PAGES.input().name();
    private static final Logger log = LoggerFactory.getLogger(TopPagesConfig.class);

    @Bean
    Serde<TopPages> topPagesSerde(AvroSerdes serdes) {
        return serdes.of(Topics.TOP_PAGES);
    }

    @Bean
    Function<KStream<String, Decoded<SiteEvent>>, KStream<String, TopPages>> rankTopPages(TopPagesSettings settings,
                                                                                         SiteEventReaders readers,
                                                                                         InputLimits limits,
                                                                                         AvroSerdes serdes,
                                                                                         ObjectProvider<RiskstreamProperties> properties,
                                                                                         ObjectProvider<KafkaAdmin> admin,
                                                                                         MeterRegistry meters) {
        SiteEventsInput input = readers.input(FUNCTION, TopPagesTopology.SKIPPED_METRIC);
        Serde<SiteEvent> late = serdes.of(Topics.LATE_PAGE_VIEWS);
        // Without the platform's settings (a context of a few beans, in tests) the input is one partition.
        int configured = properties.stream().mapToInt(all -> all.topics().partitions()).findFirst().orElse(1);
        return events -> TopPagesTopology.build(events, input, settings, inputPartitions(admin.getIfAvailable(),
                configured), late, limits, meters);
    }

    /**
     * How many partitions {@code site-events} has, asked of the broker when the topology is built; the ranking
     * waits for each of them. The topic may not exist yet on a new cluster: then the app creates it with the
     * configured count.
     */
    static int inputPartitions(KafkaAdmin admin, int configured) {
        if (admin != null) {
            try {
                int partitions = admin.describeTopics(INPUT).get(INPUT).partitions().size();
                log.info("top pages waits for {} partitions of {}", partitions, INPUT);
                return partitions;
            } catch (RuntimeException e) {
                log.info("{} not described ({}): top pages waits for the configured {} partitions", INPUT,
                        e.getMessage(), configured);
            }
        }
        return configured;
    }
}
