package io.riskstream.toppages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.TopPages;

/**
 * Collects the final per-page counts of each window, all of which arrive on the window's partition, and
 * publishes the window's top pages once.
 *
 * <p>Why a wall-clock delay and not stream time: the counts of one window come from every page partition, and
 * each closes the window on its own stream time, so they arrive spread over a short while and in no
 * knowable order; nothing tells this task that the last one has come. After the first count of a window
 * arrives it waits {@code rankDelay} of wall clock for the others, then publishes. Partitions that progress
 * at about the same speed (the usual case: one producer, steady traffic) close a window within moments of
 * each other. A partition that lags by more than the delay is late: its counts for an already published
 * window are dropped and counted in {@value #LATE_COUNTS_METRIC}, because the contract publishes each window
 * once. Waiting on wall clock also means an idle input never holds a window back here.
 *
 * <p>A window more than a window size older than the newest window this task has seen is over: its ranking
 * is forgotten, and a count for it is late too. One criterion for both, so that no window is published twice.
 * The newest window is tracked here rather than read from stream time, which may also count other inputs.
 */
final class TopPagesRanker implements Processor<String, WindowCount, String, TopPages> {

    static final String LATE_COUNTS_METRIC = "riskstream.top-pages.late-counts";

    private final TopPagesSettings settings;
    private final Counter lateCounts;
    private ProcessorContext<String, TopPages> context;
    private KeyValueStore<String, PageRanking> rankings;
    private long newestWindowEnd = Long.MIN_VALUE;

    TopPagesRanker(TopPagesSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.lateCounts = meters.counter(LATE_COUNTS_METRIC);
    }

    @Override
    public void init(ProcessorContext<String, TopPages> context) {
        this.context = context;
        this.rankings = context.getStateStore(TopPagesTopology.RANKINGS_STORE);
        try (KeyValueIterator<String, PageRanking> it = rankings.all()) {
            it.forEachRemaining(entry -> newestWindowEnd = Math.max(newestWindowEnd, entry.value.windowEnd()));
        }
        context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::publishDue);
    }

    @Override
    public void process(Record<String, WindowCount> record) {
        WindowCount count = record.value();
        newestWindowEnd = Math.max(newestWindowEnd, count.windowEnd());
        PageRanking ranking = rankings.get(record.key());
        if (ranking == null) {
            if (forgettable(count.windowEnd())) {
                lateCounts.increment();
                return;
            }
            ranking = PageRanking.empty(count.windowStart(), count.windowEnd(), context.currentSystemTimeMs());
        } else if (ranking.published()) {
            lateCounts.increment();
            return;
        }
        rankings.put(record.key(), ranking.with(count.pageViews(), TopPagesTopology.TOP));
    }

    private void publishDue(long wallClockMs) {
        List<KeyValue<String, PageRanking>> all = new ArrayList<>();
        try (KeyValueIterator<String, PageRanking> it = rankings.all()) {
            it.forEachRemaining(all::add);
        }
        all.sort(Comparator.comparingLong(entry -> entry.value.windowStart()));
        for (KeyValue<String, PageRanking> entry : all) {
            PageRanking ranking = entry.value;
            if (ranking.dueAt(wallClockMs, settings.rankDelay().toMillis())) {
                context.forward(new Record<>(entry.key, topPages(ranking), ranking.windowEnd()));
                rankings.put(entry.key, ranking.asPublished());
            } else if (ranking.published() && forgettable(ranking.windowEnd())) {
                rankings.delete(entry.key);
            }
        }
    }

    /**
     * Whether a window is so far behind the newest that its published ranking can be forgotten; a count
     * for such a window is late, whether or not its ranking is still kept.
     */
    private boolean forgettable(long windowEnd) {
        return windowEnd + settings.windowSize().toMillis() < newestWindowEnd;
    }

    private static TopPages topPages(PageRanking ranking) {
        return TopPages.newBuilder()
                .setWindowStart(Instant.ofEpochMilli(ranking.windowStart()))
                .setWindowEnd(Instant.ofEpochMilli(ranking.windowEnd()))
                .setPages(ranking.pageCounts())
                .build();
    }
}
