package io.riskstream.demo;

import java.time.Instant;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Steps of patterns that unfold over time (a burst of transactions, a user hopping across countries), each
 * due at a time. A step is made when it is taken, so that it carries the event time of that moment.
 */
final class Agenda<T> {

    private record Step<T>(Instant due, long order, Function<Instant, T> make) {
    }

    private final PriorityQueue<Step<T>> steps = new PriorityQueue<>(
            (a, b) -> a.due().equals(b.due()) ? Long.compare(a.order(), b.order()) : a.due().compareTo(b.due()));
    private long scheduled;

    /** Makes a value with {@code make} (given the event time) once {@code due} has come. */
    void schedule(Instant due, Function<Instant, T> make) {
        steps.add(new Step<>(due, scheduled++, make));
    }

    /** The earliest step due at {@code now}, made for {@code eventTime}; empty when none is due. */
    Optional<T> takeDue(Instant now, Supplier<Instant> eventTime) {
        Step<T> first = steps.peek();
        if (first == null || first.due().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(steps.poll().make().apply(eventTime.get()));
    }

    /** How many steps are still to come. */
    int pending() {
        return steps.size();
    }
}
