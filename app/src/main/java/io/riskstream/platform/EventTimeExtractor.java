package io.riskstream.platform;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the value's {@code eventTime}, never the broker timestamp. A record that did not decode
 * has no event time; it takes the partition's current stream time so that it still flows, to its
 * dead-letter topic, instead of being dropped for a negative timestamp.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    static final String FIELD = "eventTime";

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object value = record.value() instanceof Decoded<?> decoded ? decoded.value() : record.value();
        if (value instanceof GenericRecord avro) {
            Schema.Field field = avro.getSchema().getField(FIELD);
            if (field != null && avro.get(field.pos()) instanceof java.time.Instant time) {
                return time.toEpochMilli();
            }
            if (field != null && avro.get(field.pos()) instanceof Long millis) {
                return millis;
            }
        }
        return partitionTime >= 0 ? partitionTime : Math.max(0, record.timestamp());
    }
}
