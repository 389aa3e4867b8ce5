package io.riskstream.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that moves only when told, and a way to run a generator against it tick by tick: traffic made ahead
 * of time, as fast as the generators go, for tests and benchmarks.
 */
final class ManualClock extends Clock {

    private Instant now;

    ManualClock(Instant start) {
        this.now = start;
    }

    ManualClock(String start) {
        this(Instant.parse(start));
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    /**
     * The first {@code count} values {@code generator} (on this clock) makes at {@code perSecond}, ticking as the
     * demo traffic ticks, in the order they would be sent.
     */
    <T> List<T> record(TrafficGenerator<T> generator, int perSecond, int count) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
        }
        Feed<T> feed = new Feed<>("recorded", generator, perSecond);
        Duration tick = DemoSettings.DEFAULTS.tick();
        List<T> recorded = new ArrayList<>(count);
        while (recorded.size() < count) {
            feed.nextBatch(tick).forEach(record -> recorded.add(record.value()));
            advance(tick);
        }
        return List.copyOf(recorded.subList(0, count));
    }

    /** Everything {@code generator} makes in {@code total} of time, {@code perTick} records every {@code tick}. */
    <T> List<Keyed<T>> run(TrafficGenerator<T> generator, int perTick, Duration tick, Duration total) {
        List<Keyed<T>> all = new ArrayList<>();
        for (Duration elapsed = Duration.ZERO; elapsed.compareTo(total) < 0; elapsed = elapsed.plus(tick)) {
            all.addAll(generator.next(perTick));
            advance(tick);
        }
        return all;
    }
}
