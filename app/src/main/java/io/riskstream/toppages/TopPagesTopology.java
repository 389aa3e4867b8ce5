package io.riskstream.toppages;

import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.TopPages;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.InputLimits;
import io.riskstream.siteevents.SiteEventTypes;
import io.riskstream.siteevents.SiteEventsInput;

/**
 * {@code site-events} → {@code top-pages} (returned). A pure function of its arguments. Bad site events go to
 * {@code site-events.dlq} or, when another stream reading the topic writes them there, are skipped and counted in
 * {@value #SKIPPED_METRIC}: {@code input} says which.
 *
 * <p>Two steps, so that no single task sees every page view: page views are counted per (page, window) on the
 * page's partition, and only each window's final counts, once the window closed there (end + grace in that
 * partition's stream time), move on to the window's partition, where {@link TopPagesRanker} keeps a bounded
 * top {@value #TOP} per window and publishes it once.
 */
public final class TopPagesTopology {

    public static final String COUNTS_STORE = "page-view-counts";
    public static final String RANKINGS_STORE = "top-pages-rankings";
    /** How many pages a published window lists, at most. */
    public static final int TOP = 10;
    static final String SKIPPED_METRIC = "riskstream.top-pages.skipped";

    private TopPagesTopology() {
    }

    public static KStream<String, TopPages> build(KStream<String, Decoded<SiteEvent>> events, SiteEventsInput input,
                                                  TopPagesSettings settings, InputLimits limits, MeterRegistry meters) {
        TimeWindows windows = TimeWindows.ofSizeAndGrace(settings.windowSize(), settings.grace())
                .advanceBy(settings.advance());
        return input.usable(events, limits, meters)
                .filter((user, event) -> SiteEventTypes.PAGE_VIEW.equals(event.getType()), Named.as("page-views"))
                .map((user, event) -> KeyValue.pair(event.getPage(), 1L), Named.as("page-view-by-page"))
                .groupByKey(Grouped.with("page-views-by-page", Serdes.String(), Serdes.Long()))
                .windowedBy(windows)
                .count(Named.as("count-page-views"), Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(COUNTS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long())
                        .withRetention(settings.windowSize().plus(settings.grace())))
                // Unbounded: the buffer holds one count per (page, open window), which the windows bound.
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("closed-windows"))
                .toStream(Named.as("final-counts"))
                .process(ByWindow::new, Named.as("final-count-by-window"))
                .repartition(Repartitioned.with(Serdes.String(), TopPagesSerdes.windowCount())
                        .withName("final-counts-by-window"))
                .process(new RankerSupplier(settings, meters), Named.as("rank-pages"));
    }

    private record RankerSupplier(TopPagesSettings settings, MeterRegistry meters)
            implements ProcessorSupplier<String, WindowCount, String, TopPages> {

        @Override
        public Processor<String, WindowCount, String, TopPages> get() {
            return new TopPagesRanker(settings, meters);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            StoreBuilder<KeyValueStore<String, PageRanking>> rankings = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(RANKINGS_STORE), Serdes.String(), TopPagesSerdes.ranking());
            return Set.of(rankings);
        }
    }
}
