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
