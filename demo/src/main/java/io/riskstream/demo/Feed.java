package io.riskstream.demo;

import java.time.Duration;
import java.util.List;

/** One kind of demo record: the topic it goes to, what makes it, and how many a second. */
final class Feed<T> {

    private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

    private final String topic;
    private final TrafficGenerator<T> generator;
    private final int perSecond;
    /** Records owed from earlier ticks, in billionths, so that 5 a second in ticks of 300 ms averages out. */
    private long owedNanos;

    Feed(String topic, TrafficGenerator<T> generator, int perSecond) {
        this.topic = topic;
        this.generator = generator;
        this.perSecond = perSecond;
    }

    String topic() {
        return topic;
    }

    int perSecond() {
        return perSecond;
    }

    /** The records of one tick: {@code perSecond × tick}, with the fractions carried over to later ticks. */
    List<Keyed<T>> nextBatch(Duration tick) {
        owedNanos += perSecond * tick.toNanos();
        int count = (int) (owedNanos / NANOS_PER_SECOND);
        owedNanos %= NANOS_PER_SECOND;
        return count == 0 ? List.of() : generator.next(count);
    }
}
