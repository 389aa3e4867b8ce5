package io.riskstream.toppages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.SiteEvent;
import io.riskstream.siteevents.SiteEventTypes;

/**
 * Counts the page views of one {@code site-events} partition per window and closes the windows on that
 * partition's own event time, before anything mixes partitions: so no partition's progress can make another's
 * views late. For each closed window, even an empty one, it forwards a {@link ClosedWindow} with the
 * partition's views of each page, then a watermark saying how far it has closed; the ranking adds the views up
 * and publishes a window once every partition's watermark has passed it.
 *
 * <p>"Now" is the newest event time seen here; once no record has arrived for {@code idleAfter} of wall clock,
 * the wall-clock time since the last record is added, so windows close when the input is quiet. While records
 * flow (a burst, a restart's catch-up) only event time counts, so a backlog never closes a window early.
 * A partition that has never had a record knows no event time and closes nothing; the ranking does not wait
 * for it long (see {@link TopPagesRanker}).
 *
 * <p>A page view whose first window has already closed here is late: it is counted in none of its windows (a view
 * is in all of its windows or in none), goes to {@code late-page-views} and is counted in {@value #LATE_METRIC}.
 * A page view whose {@code eventId} and event time this partition has already counted is a producer's retry of
 * the same view: dropped, counted in {@value #DUPLICATE_METRIC}. Retries carry the same key, so the same
 * partition sees them.
 *
 * <p>Forwards {@link ClosedWindow}s and, for late views, the {@link SiteEvent} itself.
 */
final class PageViewCounter implements Processor<String, SiteEvent, String, Object> {

    static final String LATE_METRIC = "riskstream.top-pages.late-views";
    static final String DUPLICATE_METRIC = "riskstream.top-pages.duplicate-views";
    private static final String STREAM_TIME = "stream-time";
    private static final String CLOSED_END = "closed-end";
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final TopPagesSettings settings;
    private final WindowGrid grid;
    private final Counter late;
    private final Counter duplicates;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Long> slots;
    private KeyValueStore<String, Long> ids;
    private KeyValueStore<String, Long> progress;
    private int partition;
    private long wallClockAtRecord;

    PageViewCounter(TopPagesSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.grid = settings.grid();
        this.late = meters.counter(LATE_METRIC);
        this.duplicates = meters.counter(DUPLICATE_METRIC);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.slots = context.getStateStore(TopPagesTopology.SLOTS_STORE);
        this.ids = context.getStateStore(TopPagesTopology.IDS_STORE);
        this.progress = context.getStateStore(TopPagesTopology.PROGRESS_STORE);
        this.partition = context.taskId().partition();
        // After a restart the quiet is counted from the first check, not from the last record before the stop (the
        // task's wall clock is not set yet here).
        this.wallClockAtRecord = UNKNOWN;
        context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::closeQuietWindows);
    }

    @Override
    public void process(Record<String, SiteEvent> record) {
        long time = record.timestamp();
        wallClockAtRecord = context.currentSystemTimeMs();
        Long streamTime = progress.get(STREAM_TIME);
        if (streamTime == null || time > streamTime) {
            progress.put(STREAM_TIME, time);
        }
        SiteEvent event = record.value();
        if (SiteEventTypes.PAGE_VIEW.equals(event.getType())) {
            count(record, time);
        }
        closeThrough(progress.get(STREAM_TIME));
    }

    private void count(Record<String, SiteEvent> record, long time) {
        Long closedEnd = progress.get(CLOSED_END);
        if (closedEnd != null && grid.firstEnd(time) <= closedEnd) {
            late.increment();
            context.forward(record);
            return;
        }
        String id = WindowGrid.key(grid.slot(time), record.value().getEventId());
        if (ids.get(id) != null) {
            duplicates.increment();
            return;
        }
        ids.put(id, time);
        String slot = WindowGrid.key(grid.slot(time), record.value().getPage());
        Long views = slots.get(slot);
        slots.put(slot, views == null ? 1 : views + 1);
    }

    private void closeQuietWindows(long wallClockMs) {
        if (wallClockAtRecord == UNKNOWN) {
            wallClockAtRecord = wallClockMs;
            return;
        }
        Long streamTime = progress.get(STREAM_TIME);
        long quiet = wallClockMs - wallClockAtRecord;
        if (streamTime != null && quiet >= settings.idleAfter().toMillis()) {
            closeThrough(streamTime + quiet);
        }
    }

    /**
     * Closes every window whose end plus grace {@code now} has passed, oldest first. Empty windows in a gap of
     * event time are skipped when they are more than a window size older than the newest closed one (a restart
     * after days must not send a message for each of them); the ranking learns that they closed from the
     * later windows.
     */
    private void closeThrough(long now) {
        long lastEnd = grid.lastClosedEnd(now);
        Long closedEnd = progress.get(CLOSED_END);
        if (closedEnd != null && lastEnd <= closedEnd) {
            return;
        }
        long end = next(closedEnd, lastEnd);
        while (end <= lastEnd) {
            report(end);
            end = next(end, lastEnd);
        }
        progress.put(CLOSED_END, lastEnd);
        context.forward(new Record<>(WindowGrid.key(lastEnd - grid.size()),
                ClosedWindow.watermark(partition, lastEnd - grid.size(), lastEnd), lastEnd));
    }

    private long next(Long closedEnd, long lastEnd) {
        long firstWithViews = firstSlot().map(slot -> slot + grid.advance()).orElse(Long.MAX_VALUE);
        long firstRecent = lastEnd - grid.size() + grid.advance();
        long candidate = Math.min(firstWithViews, firstRecent);
        return closedEnd == null ? candidate : Math.max(closedEnd + grid.advance(), candidate);
    }

    private Optional<Long> firstSlot() {
        try (KeyValueIterator<String, Long> it = slots.all()) {
            return it.hasNext() ? Optional.of(WindowGrid.start(it.next().key)) : Optional.empty();
        }
    }

    private void report(long end) {
        long start = end - grid.size();
        Map<String, Long> views = new TreeMap<>();
        try (KeyValueIterator<String, Long> it = slots.range(WindowGrid.key(start), WindowGrid.key(end))) {
            it.forEachRemaining(slot -> views.merge(WindowGrid.name(slot.key), slot.value, Long::sum));
        }
        List<ClosedWindow.PageViews> pages = views.entrySet().stream()
                .map(page -> new ClosedWindow.PageViews(page.getKey(), page.getValue())).toList();
        int parts = Math.max(1, (pages.size() + TopPagesSerdes.PAGES_PER_MESSAGE - 1) / TopPagesSerdes.PAGES_PER_MESSAGE);
        for (int part = 0; part < parts; part++) {
            List<ClosedWindow.PageViews> chunk = pages.subList(part * TopPagesSerdes.PAGES_PER_MESSAGE,
                    Math.min(pages.size(), (part + 1) * TopPagesSerdes.PAGES_PER_MESSAGE));
            context.forward(new Record<>(WindowGrid.key(start),
                    new ClosedWindow(partition, start, end, false, chunk), end));
        }
        // The next window starts one advance later: the oldest slot and the ids seen in it are no longer needed.
        forget(slots, start + grid.advance());
        forget(ids, start + grid.advance());
    }

    private static void forget(KeyValueStore<String, Long> store, long before) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = store.range(WindowGrid.key(0), WindowGrid.key(before))) {
            it.forEachRemaining((KeyValue<String, Long> entry) -> old.add(entry.key));
        }
        old.forEach(store::delete);
    }
}
