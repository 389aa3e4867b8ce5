package io.riskstream.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.TopologyTests;
import io.riskstream.platform.Topics;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The contract's gap rule over whole histories: random multi-user histories, sent out of order within the allowed
 * lateness, with producer retries (the same event again), in bursts and trickles with idle spells between them.
 * Once every session has closed, the summaries that no later one supersedes are exactly the sessions of the
 * reference: the whole history sorted, duplicates dropped, split where two events are more than the gap apart.
 */
class SessionHistoryProperties {

    static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    static final InputLimits LIMITS = TopologyTests.lenientLimits(CLOCK);
    static final Duration GAP = Duration.ofMinutes(30);
    static final SessionSettings SETTINGS = new SessionSettings(GAP, Duration.ofMinutes(1), Duration.ofMinutes(30),
            Duration.ofSeconds(5));
    /** How far behind stream time an event may still arrive: gap + grace + allowed lateness. */
    static final long LATENESS_MS = GAP.plus(SETTINGS.grace()).plus(SETTINGS.allowedLateness()).toMillis();
    static final List<String> TYPES = List.of("PAGE_VIEW", "PAGE_VIEW", "ADD_TO_CART", "REMOVE_FROM_CART", "CHECKOUT",
            "WISHLIST_ADD");

    @Property(tries = 15)
    void summariesAfterSupersessionAreTheSessionsOfTheSortedHistory(@ForAll long seed,
                                                                    @ForAll @IntRange(min = 1, max = 5) int users,
                                                                    @ForAll @IntRange(min = 0, max = 100) int latePercent,
                                                                    @ForAll @IntRange(min = 0, max = 30) int retryPercent,
                                                                    @ForAll @IntRange(min = 0, max = 30) int idlePercent) {
        Random random = new Random(seed);
        List<SiteEvent> history = history(random, users);
        List<SiteEvent> sent = arrivals(random, history, latePercent, retryPercent);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        try (TopologyTestDriver driver = SessionTopologyTest.driver(SessionTopologyTest.SKIPPING, SETTINGS, LIMITS,
                CLOCK, meters)) {
            TestInputTopic<String, SiteEvent> input = driver.createInputTopic(Topics.SITE_EVENTS.name(),
                    Serdes.String().serializer(), SessionTopologyTest.EVENTS.serializer());
            for (SiteEvent event : sent) {
                if (random.nextInt(100) < idlePercent) {
                    // An idle spell: sessions may close on the wall clock, before events still to come.
                    driver.advanceWallClockTime(Duration.ofSeconds(random.nextInt(1, 3000)));
                }
                input.pipeInput(event.getUserId(), event, event.getEventTime());
            }
            driver.advanceWallClockTime(Duration.ofHours(3));

            List<SessionSummary> summaries = driver.createOutputTopic(Topics.SESSION_SUMMARIES.name(),
                    Serdes.String().deserializer(), SessionTopologyTest.SUMMARIES.deserializer()).readValuesToList();
            assertThat(SessionReference.latest(summaries)).as("summaries no later one supersedes")
                    .containsExactlyInAnyOrderElementsOf(SessionReference.reference(history, GAP));
            assertThat(driver.createOutputTopic(Topics.LATE_SITE_EVENTS.name(), Serdes.String().deserializer(),
                    SessionTopologyTest.EVENTS.deserializer()).isEmpty()).as("nothing past the lateness").isTrue();
            assertThat(SessionTopologyTest.count(meters, SessionProcessor.DUPLICATES_METRIC)).as("retries counted")
                    .isEqualTo((double) (sent.size() - history.size()));
        }
    }

    /** Each user's events, in clusters: gaps within a session up to the gap itself, between sessions longer. */
    private static List<SiteEvent> history(Random random, int users) {
        List<SiteEvent> history = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String user = "user-" + u;
            // Most users shop in one currency; some switch, and their sessions may be MIXED.
            List<String> currencies = random.nextInt(4) == 0 ? List.of("EUR", "USD") : List.of("EUR");
            long time = T0.toEpochMilli() + random.nextLong(GAP.toMillis());
            int events = random.nextInt(1, 30);
            for (int e = 0; e < events; e++) {
                String type = TYPES.get(random.nextInt(TYPES.size()));
                boolean cart = type.endsWith("_CART");
                history.add(SiteEvent.newBuilder().setEventId(user + "-" + e).setUserId(user).setType(type)
                        .setPage("/p/" + random.nextInt(5)).setAmountMinor(cart ? random.nextLong(1, 5000) : null)
                        .setCurrency(cart && random.nextInt(10) > 0 ? currencies.get(random.nextInt(currencies.size()))
                                : null)
                        .setEventTime(Instant.ofEpochMilli(time)).build());
                time += switch (random.nextInt(6)) {
                    case 0 -> GAP.toMillis();
                    case 1 -> GAP.toMillis() + 1 + random.nextLong(2 * GAP.toMillis());
                    case 2 -> 0;
                    default -> random.nextLong(GAP.toMillis());
                };
            }
        }
        return history;
    }

    /**
     * The order events arrive in: each one delayed by up to the lateness (so it is never later than that behind
     * the newest event before it), some sent again by a retrying producer.
     */
    private static List<SiteEvent> arrivals(Random random, List<SiteEvent> history, int latePercent,
                                            int retryPercent) {
        TreeMap<Long, SiteEvent> byArrival = new TreeMap<>();
        List<SiteEvent> copies = new ArrayList<>(history);
        for (SiteEvent event : history) {
            if (random.nextInt(100) < retryPercent) {
                copies.add(SiteEvent.newBuilder(event).build());
            }
        }
        for (SiteEvent event : copies) {
            // Late events often as late as allowed: the edge is where sessions are forgotten too early.
            long delay = random.nextInt(100) >= latePercent ? 0
                    : random.nextBoolean() ? LATENESS_MS : random.nextLong(LATENESS_MS + 1);
            long arrival = event.getEventTime().toEpochMilli() + delay;
            // Unique keys, in arrival order; ties broken at random. The key itself must be free: a second event
            // put on a taken key replaced the first, which then was never sent (seed -6033597487720440207).
            long key;
            do {
                key = arrival * 1024 + random.nextInt(1024);
            } while (byArrival.containsKey(key));
            byArrival.put(key, event);
        }
        return List.copyOf(byArrival.values());
    }

}
