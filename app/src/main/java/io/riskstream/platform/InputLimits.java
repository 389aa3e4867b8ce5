package io.riskstream.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * What every input record must satisfy before any stream uses it, whatever its topic: the bounds of its event
 * time, and how large a dead-letter copy of it may be.
 *
 * <p>Why event time is bounded: it becomes the record's timestamp, and so the stream time of its partition,
 * the timestamp of everything the record causes to be written (outputs, changelogs) and the clock that closes
 * windows and expires state. One record an hour in the future would close every open window and session of its
 * partition and expire every card, and the broker refuses writes stamped further ahead than its
 * {@code message.timestamp.after.max.ms} (an hour by default): the stream would stop for good, on every restart.
 * One before 1970 has a negative timestamp, which Kafka Streams drops without a trace. So a record whose event
 * time lies outside {@code [now - maxEventAge, now + maxFutureSkew]} (the wall clock) keeps the partition's time
 * as its timestamp and goes to its dead-letter topic, with the reason.
 *
 * @param maxFutureSkew how far ahead of this instance's clock an event time may be (the producers' clock skew)
 * @param maxEventAge how old an event time may be; in scoring, no more than the duplicate horizon, since an
 *                    older retry could not be recognised
 * @param maxDeadLetterBytes a dead-letter copy larger than this (key, value and headers) keeps only the first
 *                           bytes of its value, and says so in its headers, so that the broker never refuses it
 * @param clock the wall clock
 */
public record InputLimits(Duration maxFutureSkew, Duration maxEventAge, int maxDeadLetterBytes, Clock clock) {

    /** The name of the field every input schema carries its event time in. */
    static final String EVENT_TIME_FIELD = "eventTime";

    public static InputLimits defaults(Clock clock) {
        return new InputLimits(Duration.ofMinutes(5), Duration.ofDays(7), 3 * 1024 * 1024, clock);
    }

    /** Why {@code eventTimeMillis} is not acceptable now, or empty when it is. */
    public Optional<String> eventTimeProblem(long eventTimeMillis) {
        long now = clock.millis();
        if (eventTimeMillis > saturatedAdd(now, maxFutureSkew.toMillis())) {
            return Optional.of("eventTime " + describe(eventTimeMillis) + " is more than " + maxFutureSkew
                    + " ahead of this instance's clock (" + Instant.ofEpochMilli(now) + ")");
        }
        if (eventTimeMillis < 0) {
            return Optional.of("eventTime " + describe(eventTimeMillis) + " is before 1970");
        }
        if (eventTimeMillis < now - maxEventAge.toMillis()) {
            return Optional.of("eventTime " + describe(eventTimeMillis) + " is more than " + maxEventAge
                    + " old (this instance's clock says " + Instant.ofEpochMilli(now) + ")");
        }
        return Optional.empty();
    }

    public boolean accepts(long eventTimeMillis) {
        return eventTimeProblem(eventTimeMillis).isEmpty();
    }

    /** The event time of a decoded input value, if it has one. */
    static OptionalLong eventTimeOf(Object value) {
        if (value instanceof GenericRecord avro) {
            Schema.Field field = avro.getSchema().getField(EVENT_TIME_FIELD);
            Object time = field == null ? null : avro.get(field.pos());
            if (time instanceof Instant instant) {
                return OptionalLong.of(millis(instant));
            }
            if (time instanceof Long millis) {
                return OptionalLong.of(millis);
            }
        }
        return OptionalLong.empty();
    }

    private static long millis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException outsideLong) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static String describe(long millis) {
        try {
            return Instant.ofEpochMilli(millis).toString();
        } catch (RuntimeException outsideInstant) {
            return millis + " ms";
        }
    }
}
