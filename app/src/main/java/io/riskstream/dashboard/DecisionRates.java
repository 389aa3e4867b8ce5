package io.riskstream.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Decisions by outcome over the recent past, counted from {@code fraud-decisions} by the second each decision
 * was made, so that memory stays one small map per second of the window whatever the traffic. Read from the
 * topic rather than from this instance's own metric, so that every instance, in every zone, shows the rates
 * of the whole platform, not of the tasks it happens to run.
 */
final class DecisionRates {

    static final List<String> OUTCOMES = List.of("APPROVE", "REVIEW", "DECLINE");

    private final Clock clock;
    private final Duration window;
    private final NavigableMap<Long, Map<String, Long>> bySecond = new TreeMap<>();

    DecisionRates(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    synchronized void record(String decision, java.time.Instant decidedAt) {
        long second = decidedAt.getEpochSecond();
        if (second > oldestExcludedSecond()) {
            bySecond.computeIfAbsent(second, s -> new LinkedHashMap<>()).merge(decision, 1L, Long::sum);
        }
        forgetOld();
    }

    /** Counts, per minute and per second, by outcome, over the window; outcomes with none show 0. */
    synchronized View rates() {
        forgetOld();
        Map<String, Long> counts = new LinkedHashMap<>();
        OUTCOMES.forEach(outcome -> counts.put(outcome, 0L));
        bySecond.values().forEach(second -> second.forEach((outcome, count) -> counts.merge(outcome, count, Long::sum)));
        double seconds = window.toMillis() / 1000.0;
        Map<String, Double> perMinute = new LinkedHashMap<>();
        Map<String, Double> perSecond = new LinkedHashMap<>();
        counts.forEach((outcome, count) -> {
            perSecond.put(outcome, count / seconds);
            perMinute.put(outcome, count * 60 / seconds);
        });
        return new View(window.toString(), counts, perMinute, perSecond);
    }

    private void forgetOld() {
        bySecond.headMap(oldestExcludedSecond(), true).clear();
    }

    private long oldestExcludedSecond() {
        return clock.instant().minus(window).getEpochSecond();
    }

    /** What {@code GET /api/decisions/rates} returns: the window as ISO-8601 duration, then the rates. */
    record View(String window, Map<String, Long> counts, Map<String, Double> perMinute,
                Map<String, Double> perSecond) {
    }
}
