package io.riskstream.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Times and ids of generated events. Event time is the clock's time, except that a few events are stamped a
 * little in the past, as when a device sends with a delay: they arrive slightly out of order, well within any
 * grace period.
 */
final class EventTimes {

    /** Share of events stamped a little before they are sent. */
    static final double DELAYED_SHARE = 0.05;
    /** The largest delay of a delayed event. */
    static final Duration MAX_DELAY = Duration.ofSeconds(3);

    private final Clock clock;
    private final RandomGenerator random;

    EventTimes(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /** The clock's time, in the millisecond precision of the schemas' {@code timestamp-millis}. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The event time of an event sent now. */
    Instant eventTime() {
        Instant now = now();
        if (random.nextDouble() >= DELAYED_SHARE) {
            return now;
        }
        return now.minusMillis(1 + random.nextLong(MAX_DELAY.toMillis()));
    }

    /** A random, reproducible (under a seeded generator) id such as {@code tx-1b4e28ba-2fa1-...}. */
    String id(String prefix) {
        return prefix + new UUID(random.nextLong(), random.nextLong());
    }

    /** A random duration between {@code min} (inclusive) and {@code max} (exclusive). */
    Duration between(Duration min, Duration max) {
        return min.plusMillis(random.nextLong(max.minus(min).toMillis()));
    }
}
