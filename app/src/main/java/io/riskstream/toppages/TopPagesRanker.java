package io.riskstream.toppages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.PageCount;
import io.riskstream.events.TopPages;

/**
 * Adds up the closed windows of every {@code site-events} partition, all of which arrive for a window on the
 * window's partition, and publishes a window's top pages once every input partition's watermark has passed the
 * window's end: each input partition sends its watermark to every ranking partition after the windows it covers,
 * in order, so by then this task has all of the window's views. An empty window is published too, so readers
 * see time move.
 *
 * <p>Why it needs the number of input partitions: nothing else says that the last one has reported. An input
 * partition that has never sent a watermark (it has had no site event since the stream's state began)
 * holds a window back for {@code idleAfter} of wall clock after the window's first report, then no longer:
 * otherwise one empty partition would stop top pages for good. If such a partition later reports views for a
 * window already published, they are counted in {@value #LATE_COUNTS_METRIC} and not published: each window is
 * published once.
 *
 * <p>Cost: a window waiting here keeps one entry per distinct page, summed over partitions — it cannot keep only
 * ten, because a page's total is only known once every partition has reported. About
 * {@code (windowSize + grace) / advance} windows wait at a time while partitions keep pace.
 */
final class TopPagesRanker implements Processor<String, ClosedWindow, String, TopPages> {

    static final String LATE_COUNTS_METRIC = "riskstream.top-pages.late-counts";
    private static final String PUBLISHED_END = "published-end";
    private static final StringSerializer KEYS = new StringSerializer();

    private final TopPagesSettings settings;
    private final int inputPartitions;
    private final Counter lateCounts;
    private ProcessorContext<String, TopPages> context;
    private KeyValueStore<String, Long> windows;
    private KeyValueStore<String, Long> views;
    private KeyValueStore<String, Long> progress;

    TopPagesRanker(TopPagesSettings settings, int inputPartitions, MeterRegistry meters) {
        this.settings = settings;
        this.inputPartitions = inputPartitions;
        this.lateCounts = meters.counter(LATE_COUNTS_METRIC);
    }

    @Override
    public void init(ProcessorContext<String, TopPages> context) {
        this.context = context;
        this.windows = context.getStateStore(TopPagesTopology.WINDOWS_STORE);
        this.views = context.getStateStore(TopPagesTopology.WINDOW_VIEWS_STORE);
        this.progress = context.getStateStore(TopPagesTopology.RANKING_PROGRESS_STORE);
        context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::publishReady);
    }

    @Override
    public void process(Record<String, ClosedWindow> record) {
        ClosedWindow closed = record.value();
        if (closed.closedThrough()) {
            Long reported = progress.get(partitionKey(closed.partition()));
            if (reported == null || closed.windowEnd() > reported) {
                progress.put(partitionKey(closed.partition()), closed.windowEnd());
            }
            publishReady(context.currentSystemTimeMs());
            return;
        }
        Long published = progress.get(PUBLISHED_END);
        if (published != null && closed.windowEnd() <= published) {
            closed.pages().forEach(page -> lateCounts.increment(page.views()));
            return;
        }
        String window = WindowGrid.key(closed.windowStart());
        if (windows.get(window) == null) {
            windows.put(window, context.currentSystemTimeMs());
        }
        for (ClosedWindow.PageViews page : closed.pages()) {
            String key = WindowGrid.key(closed.windowStart(), page.page());
            Long sum = views.get(key);
            views.put(key, sum == null ? page.views() : sum + page.views());
        }
    }

    private void publishReady(long wallClockMs) {
        List<KeyValue<String, Long>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = windows.all()) {
            it.forEachRemaining(waiting::add);
        }
        // Oldest first, and no window before an older one: once a window is published, older reports are late.
        for (KeyValue<String, Long> window : waiting) {
            long start = WindowGrid.start(window.key);
            if (!closedEverywhere(start + settings.windowSize().toMillis(), window.value, wallClockMs)) {
                return;
            }
            publish(window.key, start);
        }
    }

    private boolean closedEverywhere(long windowEnd, long firstReportMs, long wallClockMs) {
        boolean waitedForSilent = wallClockMs >= firstReportMs + settings.idleAfter().toMillis();
        for (int partition = 0; partition < inputPartitions; partition++) {
            Long reported = progress.get(partitionKey(partition));
            if (reported == null ? !waitedForSilent : reported < windowEnd) {
                return false;
            }
        }
        return true;
    }

    private void publish(String window, long start) {
        long end = start + settings.windowSize().toMillis();
        List<PageCount> ranked = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = views.prefixScan(window + "|", KEYS)) {
            it.forEachRemaining(page -> {
                keys.add(page.key);
                ranked.add(new PageCount(WindowGrid.name(page.key), page.value));
            });
        }
        ranked.sort(ORDER);
        context.forward(new Record<>(Instant.ofEpochMilli(start).toString(), TopPages.newBuilder()
                .setWindowStart(Instant.ofEpochMilli(start)).setWindowEnd(Instant.ofEpochMilli(end))
                .setPages(List.copyOf(ranked.subList(0, Math.min(TopPagesTopology.TOP, ranked.size())))).build(), end));
        keys.forEach(views::delete);
        windows.delete(window);
        progress.put(PUBLISHED_END, end);
    }

    /** By views descending, ties by page name ascending. */
    static final Comparator<PageCount> ORDER = Comparator.comparingLong(PageCount::getViews).reversed()
            .thenComparing(PageCount::getPage);

    private static String partitionKey(int partition) {
        return "partition-" + partition;
    }
}
