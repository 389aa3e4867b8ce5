package io.riskstream.toppages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.PageCount;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.TopPages;
import io.riskstream.platform.DecodingSerde;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.TestAvroSerde;
import io.riskstream.platform.TopologyTests;
import io.riskstream.platform.Topics;
import io.riskstream.siteevents.SiteEventsInput;

class TopPagesTopologyTest {

    static final Serde<SiteEvent> EVENTS = TestAvroSerde.of(SiteEvent.class);
    static final Serde<TopPages> TOP_PAGES = TestAvroSerde.of(TopPages.class);
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final InputLimits LIMITS = TopologyTests.lenientLimits(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC));
    static final TopPagesSettings SETTINGS = new TopPagesSettings(Duration.ofMinutes(1), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1));
    /** A page view this late closes the window that starts at T0 (end + grace), and none after it. */
    static final Duration CLOSES_FIRST_WINDOW = Duration.ofSeconds(65);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SiteEvent> events;
    private TestOutputTopic<String, TopPages> topPages;

    @BeforeEach
    void start() {
        driver = driver(SiteEventsInput.deadLettering(), meters);
        events = driver.createInputTopic(Topics.SITE_EVENTS.name(), Serdes.String().serializer(), EVENTS.serializer());
        topPages = driver.createOutputTopic(Topics.TOP_PAGES.name(), Serdes.String().deserializer(),
                TOP_PAGES.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void closedWindowListsPagesByViews() {
        views("home", 3, 1);
        views("shoes", 2, 2);
        views("cart", 1, 3);
        closeFirstWindow();

        TopPages first = publishedWindows().get(T0.toString());
        assertThat(first.getWindowStart()).isEqualTo(T0);
        assertThat(first.getWindowEnd()).isEqualTo(T0.plus(SETTINGS.windowSize()));
        assertThat(pages(first)).containsExactly(KeyValue.pair("home", 3L), KeyValue.pair("shoes", 2L),
                KeyValue.pair("cart", 1L));
    }

    @Test
    void tiesAreBrokenByPageName() {
        views("zebra", 2, 1);
        views("apple", 2, 2);
        views("mango", 2, 3);
        closeFirstWindow();

        assertThat(pages(publishedWindows().get(T0.toString())))
                .extracting(pair -> pair.key).containsExactly("apple", "mango", "zebra");
    }

    @Test
    void onlyTheTopTenArePublished() {
        IntStream.rangeClosed(1, 12).forEach(i -> views("page-%02d".formatted(i), i, i));
        closeFirstWindow();

        List<KeyValue<String, Long>> top = pages(publishedWindows().get(T0.toString()));
        assertThat(top).hasSize(TopPagesTopology.TOP);
        assertThat(top.get(0)).isEqualTo(KeyValue.pair("page-12", 12L));
        assertThat(top.get(9)).isEqualTo(KeyValue.pair("page-03", 3L));
    }

    @Test
    void aWindowIsPublishedWhenEventTimePassesItsEndPlusGrace() {
        views("home", 1, 1);
        view("tick", CLOSES_FIRST_WINDOW.minusMillis(1));
        assertThat(publishedWindows()).doesNotContainKey(T0.toString());

        view("tick", CLOSES_FIRST_WINDOW);
        assertThat(publishedWindows()).containsKey(T0.toString());
    }

    @Test
    void eachWindowIsPublishedOnce() {
        views("home", 2, 1);
        closeFirstWindow();
        view("tick", CLOSES_FIRST_WINDOW.plusSeconds(30));
        driver.advanceWallClockTime(Duration.ofMinutes(5));

        assertThat(topPages.readKeyValuesToList()).filteredOn(record -> record.key.equals(T0.toString())).hasSize(1);
    }

    @Test
    void windowsCloseOnTheWallClockWhenTheInputIsQuiet() {
        views("home", 2, 1);
        // Event time 1s + 63s of quiet = 64s: the first window (end 60s, grace 5s) is still open.
        driver.advanceWallClockTime(Duration.ofSeconds(63));
        assertThat(publishedWindows()).doesNotContainKey(T0.toString());

        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(pages(publishedWindows().get(T0.toString()))).containsExactly(KeyValue.pair("home", 2L));
    }

    @Test
    void aShortPauseDoesNotCloseWindowsOnTheWallClock() {
        view("home", Duration.ofSeconds(1));
        view("tick", Duration.ofSeconds(59));
        driver.advanceWallClockTime(SETTINGS.idleAfter().minusMillis(1));
        assertThat(publishedWindows()).doesNotContainKey(T0.toString());

        driver.advanceWallClockTime(Duration.ofMillis(1));
        assertThat(publishedWindows()).containsKey(T0.toString());
    }

    @Test
    void windowsWithoutViewsArePublishedEmptySoReadersSeeTimeMove() {
        views("home", 1, 1);
        view("tick", Duration.ofSeconds(200));

        Map<String, TopPages> windows = publishedWindows();
        // The tick closes every window ending up to 195s; those ending after 135s are recent enough to publish.
        for (long end = 140; end <= 195; end += 5) {
            Instant start = T0.plusSeconds(end).minus(SETTINGS.windowSize());
            assertThat(windows.get(start.toString())).as("window ending at %ds", end).isNotNull()
                    .extracting(TopPages::getPages).asList().isEmpty();
        }
        assertThat(pages(windows.get(T0.toString()))).containsExactly(KeyValue.pair("home", 1L));
    }

    @Test
    void aViewWhoseFirstWindowHasClosedGoesToLatePageViewsAndCountsNowhere() {
        views("home", 1, 1);
        closeFirstWindow();
        // Closed through the window ending at 60s: a view at 56s is in that window, one at 61s is not.
        view("late", Duration.ofSeconds(56));
        view("on-time", Duration.ofSeconds(61));
        view("tick", Duration.ofSeconds(200));

        assertThat(publishedWindows().values()).flatExtracting(TopPages::getPages)
                .extracting(PageCount::getPage).doesNotContain("late").contains("on-time");
        assertThat(lateViews().readValuesToList()).extracting(SiteEvent::getPage).containsExactly("late");
        assertThat(meters.counter(PageViewCounter.LATE_METRIC).count()).isEqualTo(1.0);
    }

    @Test
    void aRetriedViewWithTheSameEventIdCountsOnce() {
        SiteEvent view = event("u1", "PAGE_VIEW", "home", null, T0.plusSeconds(1));
        send(view);
        send(view);
        send(event("u1", "PAGE_VIEW", "home", null, T0.plusSeconds(1)));
        closeFirstWindow();

        assertThat(pages(publishedWindows().get(T0.toString()))).containsExactly(KeyValue.pair("home", 2L));
        assertThat(meters.counter(PageViewCounter.DUPLICATE_METRIC).count()).isEqualTo(1.0);
    }

    @Test
    void windowsAreAlignedToTheEpochAndOverlapByTheAdvance() {
        view("home", Duration.ofSeconds(7));
        view("tick", Duration.ofSeconds(7).plus(CLOSES_FIRST_WINDOW));

        Map<String, TopPages> windows = publishedWindows();
        List<String> withHome = windows.entrySet().stream()
                .filter(window -> pages(window.getValue()).contains(KeyValue.pair("home", 1L)))
                .map(Map.Entry::getKey).sorted().toList();
        List<String> expected = IntStream.range(0, 12)
                .mapToObj(i -> T0.minusSeconds(50).plusSeconds(5L * i).toString()).sorted().toList();
        assertThat(withHome).isEqualTo(expected);
    }

    @Test
    void eventsThatAreNotPageViewsAreIgnored() {
        views("home", 1, 1);
        send(event("u1", "ADD_TO_CART", "shoes", 1500L, T0.plusSeconds(2)));
        send(event("u1", "WISHLIST_ADD", "shoes", null, T0.plusSeconds(3)));
        closeFirstWindow();

        assertThat(pages(publishedWindows().get(T0.toString()))).containsExactly(KeyValue.pair("home", 1L));
        assertThat(deadLetters().isEmpty()).isTrue();
    }

    @Test
    void siteEventWithoutAPageGoesToTheDeadLetterTopic() {
        send(event("u1", "PAGE_VIEW", " ", null, T0));

        var letter = deadLetters().readRecord();
        assertThat(letter.key()).isEqualTo("u1");
        assertThat(new String(letter.headers().lastHeader("riskstream.dlq.reason").value(), StandardCharsets.UTF_8))
                .contains("page is empty");
    }

    @Test
    void siteEventKeyedByAnotherUserGoesToTheDeadLetterTopic() {
        events.pipeInput("someone-else", event("u1", "PAGE_VIEW", "home", null, T0), T0);

        assertThat(new String(deadLetters().readRecord().headers().lastHeader("riskstream.dlq.reason").value(),
                StandardCharsets.UTF_8)).contains("is not the userId");
    }

    @Test
    void whenAnotherStreamWritesTheDeadLettersBadEventsAreSkippedAndCounted() {
        SimpleMeterRegistry skipping = new SimpleMeterRegistry();
        try (TopologyTestDriver skipper = driver(SiteEventsInput.skipping(TopPagesTopology.SKIPPED_METRIC), skipping)) {
            skipper.createInputTopic(Topics.SITE_EVENTS.name(), Serdes.String().serializer(), EVENTS.serializer())
                    .pipeInput("u1", event("u1", "PAGE_VIEW", " ", null, T0), T0);

            assertThat(deadLetters(skipper).isEmpty()).isTrue();
            assertThat(skipping.find(TopPagesTopology.SKIPPED_METRIC).tag("reason", "invalid").counter().count())
                    .isEqualTo(1.0);
        }
    }

    private TestOutputTopic<String, byte[]> deadLetters() {
        return deadLetters(driver);
    }

    private static TestOutputTopic<String, byte[]> deadLetters(TopologyTestDriver driver) {
        return driver.createOutputTopic(Topics.SITE_EVENTS.deadLetterTopic(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    private static TopologyTestDriver driver(SiteEventsInput reading, SimpleMeterRegistry meters) {
        StreamsBuilder builder = new StreamsBuilder();
        TopPagesTopology.build(builder.stream(Topics.SITE_EVENTS.name(),
                        Consumed.with(Serdes.String(), new DecodingSerde<>(EVENTS, SiteEvent.class))), reading,
                        SETTINGS, 1, EVENTS, LIMITS, meters)
                .to(Topics.TOP_PAGES.name(), Produced.with(Serdes.String(), TOP_PAGES));
        return TopologyTests.driver(builder.build(), LIMITS);
    }

    private void closeFirstWindow() {
        view("tick", CLOSES_FIRST_WINDOW);
    }

    private TestOutputTopic<String, SiteEvent> lateViews() {
        return driver.createOutputTopic(Topics.LATE_PAGE_VIEWS.name(), Serdes.String().deserializer(),
                EVENTS.deserializer());
    }

    private Map<String, TopPages> publishedWindows() {
        return topPages.readKeyValuesToMap();
    }

    private static List<KeyValue<String, Long>> pages(TopPages top) {
        return top.getPages().stream().map((PageCount count) -> KeyValue.pair(count.getPage(), count.getViews()))
                .toList();
    }

    private void views(String page, int count, int second) {
        for (int i = 0; i < count; i++) {
            view(page, Duration.ofSeconds(second));
        }
    }

    private void view(String page, Duration sinceT0) {
        send(event("user-" + UUID.randomUUID(), "PAGE_VIEW", page, null, T0.plus(sinceT0)));
    }

    private void send(SiteEvent event) {
        events.pipeInput(event.getUserId(), event, event.getEventTime());
    }

    static SiteEvent event(String user, String type, String page, Long amountMinor, Instant time) {
        return SiteEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setUserId(user).setType(type)
                .setPage(page).setAmountMinor(amountMinor).setEventTime(time).build();
    }
}
