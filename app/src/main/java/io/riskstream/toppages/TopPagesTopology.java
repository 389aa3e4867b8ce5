package io.riskstream.toppages;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.TopPages;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.Topics;
import io.riskstream.siteevents.SiteEventsInput;

/**
 * {@code site-events} → {@code top-pages} (returned) and {@code late-page-views}. A pure function of its arguments.
 * Bad site events go to {@code site-events.dlq} or, when another stream reading the topic writes them there, are
 * skipped and counted in {@value #SKIPPED_METRIC}: {@code input} says which.
 *
 * <p>Two steps, so that no single task sees every page view, and no partition's progress decides for another's:
 * each {@code site-events} partition counts its own page views per window and closes the windows on its own
 * event time ({@link PageViewCounter}); each closed window's counts move, keyed by window, to the window's
 * partition, where {@link TopPagesRanker} adds them up and publishes the window once every input partition has
 * closed it. Nothing is repartitioned before the windows close, so a burst or a lagging partition makes no view
 * late.
 */
public final class TopPagesTopology {

    public static final String SLOTS_STORE = "page-view-slots";
    public static final String IDS_STORE = "page-view-ids";
    public static final String PROGRESS_STORE = "page-view-progress";
    public static final String WINDOWS_STORE = "top-pages-windows";
    public static final String WINDOW_VIEWS_STORE = "top-pages-window-views";
    public static final String RANKING_PROGRESS_STORE = "top-pages-ranking-progress";
    /** How many pages a published window lists, at most. */
    public static final int TOP = 10;
    static final String SKIPPED_METRIC = "riskstream.top-pages.skipped";

    private TopPagesTopology() {
    }

    /**
     * @param inputPartitions how many partitions {@code site-events} has: a window is published once each of them
     *                        has closed it
     */
    public static KStream<String, TopPages> build(KStream<String, Decoded<SiteEvent>> events, SiteEventsInput input,
                                                  TopPagesSettings settings, int inputPartitions,
                                                  Serde<SiteEvent> lateViews, InputLimits limits,
                                                  MeterRegistry meters) {
        Map<String, KStream<String, Object>> out = input.usable(events, limits, meters)
                .process(new CounterSupplier(settings, meters), Named.as("count-page-views"))
                .split(Named.as("counted-"))
                .branch((key, value) -> value instanceof SiteEvent, Branched.as("late"))
                .defaultBranch(Branched.as("closed"));
        out.get("counted-late").mapValues(value -> (SiteEvent) value, Named.as("late-view"))
                .to(Topics.LATE_PAGE_VIEWS.name(), Produced.with(Serdes.String(), lateViews).withName("late-page-views"));
        return out.get("counted-closed").mapValues(value -> (ClosedWindow) value, Named.as("closed-window"))
                .repartition(Repartitioned.with(Serdes.String(), TopPagesSerdes.closedWindow())
                        .withStreamPartitioner(new ByWindowPartitioner()).withName("closed-windows-by-window"))
                .process(new RankerSupplier(settings, inputPartitions, meters), Named.as("rank-pages"));
    }

    private static StoreBuilder<KeyValueStore<String, Long>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long());
    }

    private record CounterSupplier(TopPagesSettings settings, MeterRegistry meters)
            implements ProcessorSupplier<String, SiteEvent, String, Object> {

        @Override
        public Processor<String, SiteEvent, String, Object> get() {
            return new PageViewCounter(settings, meters);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store(SLOTS_STORE), store(IDS_STORE), store(PROGRESS_STORE));
        }
    }

    private record RankerSupplier(TopPagesSettings settings, int inputPartitions, MeterRegistry meters)
            implements ProcessorSupplier<String, ClosedWindow, String, TopPages> {

        @Override
        public Processor<String, ClosedWindow, String, TopPages> get() {
            return new TopPagesRanker(settings, inputPartitions, meters);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store(WINDOWS_STORE), store(WINDOW_VIEWS_STORE), store(RANKING_PROGRESS_STORE));
        }
    }
}
