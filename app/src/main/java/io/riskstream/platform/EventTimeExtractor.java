package io.riskstream.platform;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the value's {@code eventTime}, never the broker timestamp, as long as {@link InputLimits} accepts
 * it. A record without an acceptable event time (it did not decode, or its time is absurd) takes the partition's
 * current stream time, so that it flows to its dead-letter topic without moving any clock; on a partition with no
 * time yet, zero, which moves nothing either. {@link DeadLetterMarker} sends such a record to its dead-letter
 * topic: the extractor decides, the marker says why.
 *
 * <p>Built by the app with its limits; when Kafka Streams builds it from a class name (tests), it takes its limits
 * from the configuration entry {@value #LIMITS_CONFIG}, or the defaults on the system clock.
 */
public final class EventTimeExtractor implements TimestampExtractor, Configurable {

    public static final String LIMITS_CONFIG = "riskstream.input.limits";

    private InputLimits limits;

    public EventTimeExtractor() {
        this(InputLimits.defaults(Clock.systemUTC()));
    }

    public EventTimeExtractor(InputLimits limits) {
        this.limits = limits;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(LIMITS_CONFIG) instanceof InputLimits configured) {
            this.limits = configured;
        }
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object value = record.value() instanceof Decoded<?> decoded ? decoded.value() : record.value();
        OptionalLong eventTime = InputLimits.eventTimeOf(value);
        if (eventTime.isPresent() && limits.accepts(eventTime.getAsLong())) {
            return eventTime.getAsLong();
        }
        return Math.max(0, partitionTime);
    }
}
