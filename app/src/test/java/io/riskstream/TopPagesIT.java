package io.riskstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.riskstream.devstack.KafkaBroker;
import io.riskstream.events.PageCount;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.TopPages;
import io.riskstream.platform.AppProcess;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.Topics;

/**
 * Top pages through a real broker, the way the outside check saw them go wrong: four {@code site-events}
 * partitions, one of which never gets an event; ten minutes of history sent at once in time order across the
 * others (a burst); the app killed after the first half and the second half sent while it is down, so that
 * the restarted app catches up on a backlog; then nothing more, so the last windows can only close on the wall
 * clock. Every window must be published exactly once with the top pages of a reference that sorts and counts
 * what was sent. Only {@code rankTopPages} runs, with windows of 10 s.
 */
class TopPagesIT {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration WAIT = Duration.ofSeconds(60);
    static final int PARTITIONS = 4;
    static final int IDLE_PARTITION = 3;
    static final long SIZE = 10_000;
    static final long ADVANCE = 5_000;

    static KafkaBroker broker;
    static String registry;
    static Path stateDir;
    static AppProcess app;

    @BeforeAll
    static void startBrokerRegistryAndApp() throws IOException {
        CompletableFuture<String> registryUrl = CompletableFuture.supplyAsync(TestRegistry::url);
        broker = KafkaBroker.start();
        registry = registryUrl.join();
        stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-top-pages-");
        app = startApp("top-pages-first");
    }

    @AfterAll
    static void stopEverything() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyWindowIsPublishedOnceWithEveryViewThroughBurstRestartIdlePartitionAndQuietEnd() throws Exception {
        Random random = new Random(11);
        // Eleven minutes of history ending a minute ago, behind the wall clock. The second half starts a minute
        // after the first ends: the first app's partitions close on the wall clock while it waits to be killed, as
        // event time would move on, and the gap keeps the second half's views later than what that closes.
        long base = Math.floorDiv(Instant.now().minus(Duration.ofMinutes(12)).toEpochMilli(), ADVANCE) * ADVANCE;
        List<SiteEvent> firstHalf = history(random, base, base + Duration.ofMinutes(5).toMillis());
        List<SiteEvent> secondHalf = history(random, base + Duration.ofMinutes(6).toMillis(),
                base + Duration.ofMinutes(11).toMillis());
        long lastViewWindowEnd = Math.floorDiv(base + Duration.ofMinutes(11).toMillis(), ADVANCE) * ADVANCE + SIZE;

        try (KafkaProducer<String, Object> producer = TestClients.avroProducer(broker.bootstrapServers(), registry,
                true);
             KafkaConsumer<String, Object> topPages = TestClients.avroConsumer(broker.bootstrapServers(), registry,
                     Topics.TOP_PAGES.name())) {
            send(producer, firstHalf);
            List<ConsumerRecord<String, Object>> published = new ArrayList<>(TestClients.readUntil(topPages,
                    read -> newestEnd(read) >= base + Duration.ofMinutes(4).toMillis(), WAIT));

            app.kill();
            send(producer, secondHalf);
            app = startApp("top-pages-after-kill");
            // No event after the second half: the windows of its last minute close on the wall clock only.
            published.addAll(TestClients.readUntil(topPages, read -> newestEnd(concat(published, read))
                    >= lastViewWindowEnd, WAIT));

            Map<Long, List<PageCount>> expected = reference(concat(firstHalf, secondHalf));
            Map<Long, Integer> copies = new TreeMap<>();
            Map<Long, List<PageCount>> windows = new HashMap<>();
            for (ConsumerRecord<String, Object> record : published) {
                TopPages window = (TopPages) record.value();
                long start = window.getWindowStart().toEpochMilli();
                copies.merge(start, 1, Integer::sum);
                windows.put(start, window.getPages());
            }
            assertThat(copies).as("copies of each window").allSatisfy((start, count) -> assertThat(count).isOne());
            expected.forEach((start, pages) -> assertThat(windows.get(start))
                    .as("window %s", Instant.ofEpochMilli(start)).isEqualTo(pages));
            windows.forEach((start, pages) -> {
                if (!expected.containsKey(start)) {
                    assertThat(pages).as("window %s without views", Instant.ofEpochMilli(start)).isEmpty();
                }
            });
            assertThat(app.get("/actuator/prometheus"))
                    .doesNotContainPattern("riskstream_top_pages_late_(views|counts)_total(\\{[^}]*})? [1-9]");
        }
    }

    /** Page views on every partition but the idle one, in time order across them, a few pages far ahead. */
    private static List<SiteEvent> history(Random random, long from, long to) {
        List<SiteEvent> views = new ArrayList<>();
        for (long time = from; time < to; time += 100 + random.nextInt(200)) {
            int partition = random.nextInt(PARTITIONS - 1);
            String page = "/it-" + (int) Math.floor(Math.pow(random.nextDouble(), 2) * 14);
            views.add(SiteEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setUserId("user-" + partition + "-" + random.nextInt(50)).setType("PAGE_VIEW").setPage(page)
                    .setEventTime(Instant.ofEpochMilli(time)).build());
        }
        return views;
    }

    private static void send(KafkaProducer<String, Object> producer, List<SiteEvent> views) {
        for (SiteEvent view : views) {
            int partition = view.getUserId().charAt("user-".length()) - '0';
            producer.send(new ProducerRecord<>(Topics.SITE_EVENTS.name(), partition, view.getUserId(), view));
        }
        producer.flush();
    }

    private static Map<Long, List<PageCount>> reference(List<SiteEvent> views) {
        Map<Long, Map<String, Long>> windows = new TreeMap<>();
        for (SiteEvent view : views) {
            long slot = Math.floorDiv(view.getEventTime().toEpochMilli(), ADVANCE) * ADVANCE;
            for (long start = slot - SIZE + ADVANCE; start <= slot; start += ADVANCE) {
                windows.computeIfAbsent(start, s -> new HashMap<>()).merge(view.getPage(), 1L, Long::sum);
            }
        }
        Map<Long, List<PageCount>> top = new TreeMap<>();
        windows.forEach((start, pages) -> top.put(start, pages.entrySet().stream()
                .map(page -> new PageCount(page.getKey(), page.getValue()))
                .sorted(Comparator.comparingLong(PageCount::getViews).reversed().thenComparing(PageCount::getPage))
                .limit(10).toList()));
        return top;
    }

    private static long newestEnd(List<ConsumerRecord<String, Object>> read) {
        return read.stream().mapToLong(record -> ((TopPages) record.value()).getWindowEnd().toEpochMilli())
                .max().orElse(Long.MIN_VALUE);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static AppProcess startApp(String name) {
        AppProcess started = AppProcess.start(name, List.of(
                "--riskstream.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--riskstream.registry.url=" + registry,
                "--riskstream.rules.directory=../rules",
                "--riskstream.streams.state-dir=" + stateDir.toAbsolutePath(),
                "--riskstream.topics.partitions=" + PARTITIONS,
                "--spring.cloud.function.definition=rankTopPages",
                // A killed member never says goodbye: 10 s instead of 45 s before the restarted app gets its tasks.
                "--spring.cloud.stream.kafka.streams.binder.configuration.session.timeout.ms=10000",
                "--riskstream.top-pages.window-size=10s",
                "--riskstream.top-pages.advance=5s",
                "--riskstream.top-pages.grace=2s",
                "--riskstream.top-pages.idle-after=5s",
                "--riskstream.top-pages.check-interval=500ms"));
        started.awaitHealthy(START_TIMEOUT);
        return started;
    }
}
