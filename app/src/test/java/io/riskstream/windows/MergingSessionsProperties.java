package io.riskstream.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Events merged one at a time, in any order, make the sessions a reference makes from all of them at once: per key,
 * the events sorted by time and cut wherever two neighbours are more than the gap apart. Times are drawn from a
 * span a few gaps wide, so that events fall both within and over the gap, and late events bridge sessions.
 */
class MergingSessionsProperties {

    record Event(String key, long time) {
    }

    @Provide
    Arbitrary<List<Event>> events() {
        Arbitrary<Event> event = Combinators.combine(Arbitraries.of("ana", "ben", "cat"),
                Arbitraries.longs().between(0, 5_000)).as(Event::new);
        return event.list().ofMaxSize(60);
    }

    @Property(tries = 150)
    void eventsInAnyOrderMakeTheSessionsOfTheSortedEvents(@ForAll("events") List<Event> events,
                                                          @ForAll @IntRange(min = 0, max = 1_000) int gapMs) {
        try (TestSessionStore store = new TestSessionStore()) {
            MergingSessions<String, List<Long>> sessions = store.sessions(Duration.ofMillis(gapMs));
            events.forEach(event -> sessions.put(sessions.merge(event.key(), event.time(), List.of(event.time()))));

            assertThat(store.all()).isEqualTo(reference(events, gapMs));
        }
    }

    @Property(tries = 100)
    void removingTheSessionsThatEndedBeforeATimeLeavesTheOthers(@ForAll("events") List<Event> events,
                                                              @ForAll @IntRange(min = 0, max = 1_000) int gapMs,
                                                              @ForAll @IntRange(min = -1, max = 5_001) int before) {
        try (TestSessionStore store = new TestSessionStore()) {
            MergingSessions<String, List<Long>> sessions = store.sessions(Duration.ofMillis(gapMs));
            events.forEach(event -> sessions.put(sessions.merge(event.key(), event.time(), List.of(event.time()))));

            List<Session<String, List<Long>>> expected = reference(events, gapMs);
            List<Session<String, List<Long>>> removed = new ArrayList<>(sessions.removeEndedBefore(before));
            removed.sort(TestSessionStore.ORDER);
            assertThat(removed).isEqualTo(expected.stream().filter(session -> session.end() < before).toList());
            assertThat(store.all()).isEqualTo(expected.stream().filter(session -> session.end() >= before).toList());
        }
    }

    /** The sessions of {@code events}, computed from all of them at once. */
    static List<Session<String, List<Long>>> reference(List<Event> events, long gapMs) {
        Map<String, List<Long>> timesByKey = new TreeMap<>();
        events.forEach(event -> timesByKey.computeIfAbsent(event.key(), key -> new ArrayList<>()).add(event.time()));
        List<Session<String, List<Long>>> sessions = new ArrayList<>();
        timesByKey.forEach((key, times) -> {
            times.sort(Comparator.naturalOrder());
            List<Long> current = new ArrayList<>();
            for (long time : times) {
                if (!current.isEmpty() && time - current.get(current.size() - 1) > gapMs) {
                    sessions.add(session(key, current));
                    current = new ArrayList<>();
                }
                current.add(time);
            }
            if (!current.isEmpty()) {
                sessions.add(session(key, current));
            }
        });
        return sessions;
    }

    private static Session<String, List<Long>> session(String key, List<Long> times) {
        return new Session<>(key, times.get(0), times.get(times.size() - 1), List.copyOf(times));
    }
}
