package io.riskstream.toppages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.PageCount;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.TopPages;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The two steps of the top-pages stream run as Kafka Streams would run them on several {@code site-events}
 * partitions and several ranking partitions, against generated histories: skewed partitions, bursts (records
 * flow with no wall clock passing), out-of-order and very late views, producer retries, quiet spells, restarts
 * of any task (its state kept, as a changelog restores it), closed windows delivered to the ranking after
 * random delays, and sometimes a partition that never gets a record. Every published window is compared with a
 * reference that sorts the counted views into windows and counts them; which views count is decided by a plain
 * model of each partition's "now": a view counts unless its first window had closed on its partition when it
 * arrived, and then it is in {@code late-page-views} instead.
 */
class TopPagesWindowsProperties {

    static final TopPagesSettings SETTINGS = new TopPagesSettings(Duration.ofMinutes(1), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1));
    static final WindowGrid GRID = SETTINGS.grid();
    static final long T0 = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

    @Property(tries = 100)
    void everyWindowCountsExactlyTheViewsThatArrivedInTime(@ForAll long seed,
                                                           @ForAll @IntRange(min = 1, max = 4) int inputPartitions,
                                                           @ForAll @IntRange(min = 1, max = 3) int rankingPartitions,
                                                           @ForAll boolean oneSilentPartition) {
        Random random = new Random(seed);
        int partitions = inputPartitions + (oneSilentPartition ? 1 : 0);
        Simulation app = new Simulation(partitions, rankingPartitions);
        List<ArrayDeque<SiteEvent>> arrivals = history(random, inputPartitions);
        Model model = new Model(partitions);

        // Every partition with traffic has its first record, and its first watermark reaches the ranking, before
        // any wall clock passes, as in a backlog: the ranking cannot tell a partition whose first watermark is
        // slow to come from one that gets no record (TopPagesRanker).
        for (int p = 0; p < inputPartitions; p++) {
            deliver(app, model, p, arrivals.get(p).poll());
        }
        app.deliverMessages(random, Integer.MAX_VALUE);
        int leader = random.nextInt(inputPartitions);
        while (arrivals.stream().anyMatch(queue -> !queue.isEmpty()) || app.hasMessages()) {
            int action = random.nextInt(100);
            if (action < 2) {
                leader = random.nextInt(inputPartitions);
            } else if (action < 70) {
                // Bursts: the leading partition runs far ahead of the others.
                int p = random.nextInt(4) > 0 ? leader : random.nextInt(inputPartitions);
                if (!arrivals.get(p).isEmpty()) {
                    deliver(app, model, p, arrivals.get(p).poll());
                }
            } else if (action < 94) {
                app.deliverMessages(random, 1 + random.nextInt(5));
            } else if (action < 97) {
                app.wall += random.nextInt(30_000);
                app.punctuateAll();
                model.punctuated(app.wall);
            } else if (random.nextBoolean()) {
                int p = random.nextInt(partitions);
                app.restartCounter(p);
                model.restarted(p);
            } else {
                app.restartRanker(random.nextInt(rankingPartitions));
            }
        }
        // A quiet end, long enough for the partition furthest behind to close the newest window on the wall clock,
        // checked every so often as the punctuators are (a task just restarted counts its quiet from its first check).
        app.punctuateAll();
        model.punctuated(app.wall);
        app.wall += Duration.ofHours(2).toMillis();
        app.punctuateAll();
        model.punctuated(app.wall);
        app.deliverMessages(random, Integer.MAX_VALUE);
        app.wall += SETTINGS.idleAfter().toMillis();
        app.punctuateAll();

        assertThat(app.publishedTwice).as("windows published more than once").isEmpty();
        Map<Long, List<PageCount>> expected = model.expectedWindows();
        for (Map.Entry<Long, List<PageCount>> window : expected.entrySet()) {
            assertThat(app.published.get(window.getKey())).as("window %s", Instant.ofEpochMilli(window.getKey()))
                    .isEqualTo(window.getValue());
        }
        app.published.forEach((start, pages) -> {
            if (!expected.containsKey(start)) {
                assertThat(pages).as("window %s has no counted views", Instant.ofEpochMilli(start)).isEmpty();
            }
        });
        assertThat(app.lateViews).as("late views").containsExactlyInAnyOrderElementsOf(model.late);
        assertThat(app.meters.counter(PageViewCounter.DUPLICATE_METRIC).count()).isEqualTo(model.duplicates);
        assertThat(app.meters.counter(TopPagesRanker.LATE_COUNTS_METRIC).count()).isZero();
    }

    private static void deliver(Simulation app, Model model, int partition, SiteEvent view) {
        app.wall += 1;
        model.arrived(partition, view, app.wall);
        app.process(partition, view);
    }

    /**
     * Page views over up to an hour, spread over the partitions with a random skew, each partition's in time order
     * but for some a little late (within or beyond the grace), a few very late, and some retried.
     */
    private static List<ArrayDeque<SiteEvent>> history(Random random, int partitions) {
        long span = Duration.ofMinutes(2 + random.nextInt(58)).toMillis();
        int count = 50 + random.nextInt(400);
        double[] weights = random.doubles(partitions, 0.05, 1).toArray();
        List<List<long[]>> arrivalKeys = new ArrayList<>();
        List<List<SiteEvent>> views = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            arrivalKeys.add(new ArrayList<>());
            views.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            int p = pick(random, weights);
            long time = T0 + (long) (random.nextDouble() * span);
            String page = "/p" + (int) Math.floor(Math.pow(random.nextDouble(), 2) * 14);
            SiteEvent view = SiteEvent.newBuilder().setEventId("e" + i).setUserId("u" + p).setType("PAGE_VIEW")
                    .setPage(page).setEventTime(Instant.ofEpochMilli(time)).build();
            int lateness = random.nextInt(100);
            long delay = lateness < 80 ? 0 : lateness < 95 ? random.nextInt(8_000) : random.nextInt(180_000);
            add(arrivalKeys, views, p, view, time + delay);
            if (random.nextInt(20) == 0) {
                add(arrivalKeys, views, p, view, time + delay + random.nextInt(3_000));
            }
        }
        List<ArrayDeque<SiteEvent>> arrivals = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            List<long[]> keys = arrivalKeys.get(p);
            keys.sort(Comparator.comparingLong((long[] key) -> key[0]).thenComparingLong(key -> key[1]));
            ArrayDeque<SiteEvent> queue = new ArrayDeque<>();
            for (long[] key : keys) {
                queue.add(views.get(p).get((int) key[1]));
            }
            if (queue.isEmpty()) {
                queue.add(SiteEvent.newBuilder().setEventId("first-" + p).setUserId("u" + p).setType("PAGE_VIEW")
                        .setPage("/p0").setEventTime(Instant.ofEpochMilli(T0)).build());
            }
            arrivals.add(queue);
        }
        return arrivals;
    }

    private static void add(List<List<long[]>> keys, List<List<SiteEvent>> views, int p, SiteEvent view, long at) {
        keys.get(p).add(new long[] {at, views.get(p).size()});
        views.get(p).add(view);
    }

    private static int pick(Random random, double[] weights) {
        double total = java.util.Arrays.stream(weights).sum();
        double r = random.nextDouble() * total;
        for (int p = 0; p < weights.length; p++) {
            r -= weights[p];
            if (r <= 0) {
                return p;
            }
        }
        return weights.length - 1;
    }

    /** What each partition's "now" makes of the views it gets, kept as simply as the contract says it. */
    static final class Model {

        final long[] streamTime;
        final long[] quietSince;
        /** A restarted task counts its quiet from its first check after the restart. */
        final boolean[] restarted;
        final Long[] closedEnd;
        final List<Set<String>> seen = new ArrayList<>();
        final List<SiteEvent> counted = new ArrayList<>();
        final List<String> late = new ArrayList<>();
        long duplicates;

        Model(int partitions) {
            streamTime = new long[partitions];
            java.util.Arrays.fill(streamTime, Long.MIN_VALUE);
            quietSince = new long[partitions];
            restarted = new boolean[partitions];
            java.util.Arrays.fill(restarted, true);
            closedEnd = new Long[partitions];
            for (int p = 0; p < partitions; p++) {
                seen.add(new HashSet<>());
            }
        }

        void arrived(int p, SiteEvent view, long wall) {
            long time = view.getEventTime().toEpochMilli();
            streamTime[p] = Math.max(streamTime[p], time);
            quietSince[p] = wall;
            restarted[p] = false;
            if (closedEnd[p] != null && GRID.firstEnd(time) <= closedEnd[p]) {
                late.add(view.getEventId());
            } else if (!seen.get(p).add(view.getEventId())) {
                duplicates++;
            } else {
                counted.add(view);
            }
            close(p, streamTime[p]);
        }

        void punctuated(long wall) {
            for (int p = 0; p < streamTime.length; p++) {
                if (restarted[p]) {
                    restarted[p] = false;
                    quietSince[p] = wall;
                    continue;
                }
                long quiet = wall - quietSince[p];
                if (streamTime[p] != Long.MIN_VALUE && quiet >= SETTINGS.idleAfter().toMillis()) {
                    close(p, streamTime[p] + quiet);
                }
            }
        }

        void restarted(int p) {
            restarted[p] = true;
        }

        private void close(int p, long now) {
            long end = GRID.lastClosedEnd(now);
            closedEnd[p] = closedEnd[p] == null ? end : Math.max(closedEnd[p], end);
        }

        /** Sorting the counted views into every window they are in, and counting: the top ten of each. */
        Map<Long, List<PageCount>> expectedWindows() {
            Map<Long, Map<String, Long>> windows = new TreeMap<>();
            for (SiteEvent view : counted) {
                long slot = GRID.slot(view.getEventTime().toEpochMilli());
                for (long start = slot - GRID.size() + GRID.advance(); start <= slot; start += GRID.advance()) {
                    windows.computeIfAbsent(start, s -> new HashMap<>()).merge(view.getPage(), 1L, Long::sum);
                }
            }
            Map<Long, List<PageCount>> top = new TreeMap<>();
            windows.forEach((start, pages) -> top.put(start, pages.entrySet().stream()
                    .map(page -> new PageCount(page.getKey(), page.getValue()))
                    .sorted(Comparator.comparingLong(PageCount::getViews).reversed()
                            .thenComparing(PageCount::getPage))
                    .limit(TopPagesTopology.TOP).toList()));
            return top;
        }
    }

    /** The real processors on mock contexts, one per task, with in-memory stores that outlive a restart. */
    static final class Simulation {

        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        final List<MockProcessorContext<String, Object>> counters = new ArrayList<>();
        final List<Processor<String, SiteEvent, String, Object>> counterTasks = new ArrayList<>();
        final List<MockProcessorContext<String, TopPages>> rankers = new ArrayList<>();
        final List<Processor<String, ClosedWindow, String, TopPages>> rankerTasks = new ArrayList<>();
        /** Closed windows on their way, one queue per (input partition, ranking partition), each in order. */
        final Map<List<Integer>, ArrayDeque<Record<String, ClosedWindow>>> messages = new TreeMap<>(
                Comparator.comparing((List<Integer> route) -> route.get(0)).thenComparing(route -> route.get(1)));
        final Map<Long, List<PageCount>> published = new HashMap<>();
        final Set<Long> publishedTwice = new HashSet<>();
        final List<String> lateViews = new ArrayList<>();
        final int inputPartitions;
        long wall = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

        Simulation(int inputPartitions, int rankingPartitions) {
            this.inputPartitions = inputPartitions;
            for (int p = 0; p < inputPartitions; p++) {
                MockProcessorContext<String, Object> context = context(p, TopPagesTopology.SLOTS_STORE,
                        TopPagesTopology.IDS_STORE, TopPagesTopology.PROGRESS_STORE);
                counters.add(context);
                counterTasks.add(null);
                restartCounter(p);
                for (int r = 0; r < rankingPartitions; r++) {
                    messages.put(List.of(p, r), new ArrayDeque<>());
                }
            }
            for (int r = 0; r < rankingPartitions; r++) {
                rankers.add(context(r, TopPagesTopology.WINDOWS_STORE, TopPagesTopology.WINDOW_VIEWS_STORE,
                        TopPagesTopology.RANKING_PROGRESS_STORE));
                rankerTasks.add(null);
                restartRanker(r);
            }
        }

        private static <K, V> MockProcessorContext<K, V> context(int partition, String... stores) {
            MockProcessorContext<K, V> context = new MockProcessorContext<>(new java.util.Properties(),
                    new TaskId(0, partition), null);
            for (String name : stores) {
                KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                        Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
                store.init(context.getStateStoreContext(), store);
                context.addStateStore(store);
            }
            return context;
        }

        void restartCounter(int p) {
            counters.get(p).setCurrentSystemTimeMs(wall);
            PageViewCounter counter = new PageViewCounter(SETTINGS, meters);
            counter.init(counters.get(p));
            counterTasks.set(p, counter);
        }

        void restartRanker(int r) {
            rankers.get(r).setCurrentSystemTimeMs(wall);
            TopPagesRanker ranker = new TopPagesRanker(SETTINGS, inputPartitions, meters);
            ranker.init(rankers.get(r));
            rankerTasks.set(r, ranker);
            collectPublished(r);
        }

        void process(int p, SiteEvent view) {
            counters.get(p).setCurrentSystemTimeMs(wall);
            counterTasks.get(p).process(new Record<>(view.getUserId(), view, view.getEventTime().toEpochMilli()));
            collectClosed(p);
        }

        boolean hasMessages() {
            return messages.values().stream().anyMatch(queue -> !queue.isEmpty());
        }

        void deliverMessages(Random random, int count) {
            List<ArrayDeque<Record<String, ClosedWindow>>> queues = new ArrayList<>(messages.values());
            for (int i = 0; i < count && hasMessages(); i++) {
                List<Integer> route;
                ArrayDeque<Record<String, ClosedWindow>> queue;
                do {
                    int pick = random.nextInt(queues.size());
                    queue = queues.get(pick);
                    route = new ArrayList<>(messages.keySet()).get(pick);
                } while (queue.isEmpty());
                int r = route.get(1);
                rankers.get(r).setCurrentSystemTimeMs(wall);
                rankerTasks.get(r).process(queue.poll());
                collectPublished(r);
            }
        }

        void punctuateAll() {
            for (int p = 0; p < counters.size(); p++) {
                counters.get(p).setCurrentSystemTimeMs(wall);
                lastPunctuator(counters.get(p)).punctuate(wall);
                collectClosed(p);
            }
            for (int r = 0; r < rankers.size(); r++) {
                rankers.get(r).setCurrentSystemTimeMs(wall);
                lastPunctuator(rankers.get(r)).punctuate(wall);
                collectPublished(r);
            }
        }

        private static org.apache.kafka.streams.processor.Punctuator lastPunctuator(MockProcessorContext<?, ?> c) {
            List<MockProcessorContext.CapturedPunctuator> all = c.scheduledPunctuators();
            MockProcessorContext.CapturedPunctuator last = all.get(all.size() - 1);
            assertThat(last.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
            return last.getPunctuator();
        }

        private void collectClosed(int p) {
            for (var forward : counters.get(p).forwarded()) {
                Object value = forward.record().value();
                if (value instanceof SiteEvent late) {
                    lateViews.add(late.getEventId());
                } else {
                    ClosedWindow closed = (ClosedWindow) value;
                    for (int r : new ByWindowPartitioner().partitions("t", forward.record().key(), closed,
                            rankers.size()).orElseThrow()) {
                        messages.get(List.of(p, r)).add(new Record<>(forward.record().key(), closed,
                                forward.record().timestamp()));
                    }
                }
            }
            counters.get(p).resetForwards();
        }

        private void collectPublished(int r) {
            for (var forward : rankers.get(r).forwarded()) {
                TopPages window = forward.record().value();
                long start = window.getWindowStart().toEpochMilli();
                if (published.put(start, List.copyOf(window.getPages())) != null) {
                    publishedTwice.add(start);
                }
            }
            rankers.get(r).resetForwards();
        }
    }
}
