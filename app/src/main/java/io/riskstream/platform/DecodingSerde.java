package io.riskstream.platform;

import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads an input topic's values into {@link Decoded}: a value that the inner deserializer cannot read (not Avro,
 * an unknown schema id, bytes the schema cannot read), that decodes to another type than the topic's (valid Avro
 * of another governed schema: the specific reader then returns, say, a {@code LoginEvent} on {@code transactions}),
 * or that is missing becomes a failed {@code Decoded} instead of an exception.
 *
 * <p>One kind of failure does throw: a transient one ({@link TransientFailures}), such as the registry being
 * away. It says nothing about the record, so the record must not be dead-lettered; the stream thread fails, is
 * replaced, and reads the record again from the last commit (see {@link StreamThreadRecovery}).
 *
 * <p>Writing is the inner serializer's, for the rare topology that writes a {@code Decoded} back.
 */
public final class DecodingSerde<T> implements Serde<Decoded<T>> {

    static {
        AvroLimits.apply();
    }

    private final Serde<T> inner;
    private final Class<T> type;

    public DecodingSerde(Serde<T> inner, Class<T> type) {
        this.inner = inner;
        this.type = type;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        inner.configure(configs, isKey);
    }

    @Override
    public Serializer<Decoded<T>> serializer() {
        Serializer<T> serializer = inner.serializer();
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, Decoded<T> data) {
                return data == null ? null : data.isOk() ? serializer.serialize(topic, data.value()) : data.raw();
            }

            @Override
            public byte[] serialize(String topic, Headers headers, Decoded<T> data) {
                return data == null ? null
                        : data.isOk() ? serializer.serialize(topic, headers, data.value()) : data.raw();
            }
        };
    }

    @Override
    public Deserializer<Decoded<T>> deserializer() {
        Deserializer<T> deserializer = inner.deserializer();
        return new Deserializer<>() {
            @Override
            public Decoded<T> deserialize(String topic, byte[] data) {
                return deserialize(topic, null, data);
            }

            @Override
            public Decoded<T> deserialize(String topic, Headers headers, byte[] data) {
                if (data == null) {
                    return Decoded.failed(null, new InvalidRecordException(DeadLetterReason.TOMBSTONE,
                            "the record has no value (a tombstone)"));
                }
                Object value;
                try {
                    value = headers == null ? deserializer.deserialize(topic, data)
                            : deserializer.deserialize(topic, headers, data);
                } catch (RuntimeException e) {
                    if (TransientFailures.isTransient(e)) {
                        throw e;
                    }
                    return Decoded.failed(data, e);
                } catch (StackOverflowError | OutOfMemoryError e) {
                    // A hostile schema or length prefix, not a state of this JVM worth dying for: the allocation
                    // that failed is gone with the frame.
                    return Decoded.failed(data, new InvalidRecordException(DeadLetterReason.UNDECODABLE,
                            "the value could not be decoded: " + e));
                }
                if (value == null) {
                    return Decoded.failed(data, new InvalidRecordException(DeadLetterReason.UNDECODABLE,
                            "the value decoded to nothing"));
                }
                if (!type.isInstance(value)) {
                    return Decoded.failed(data, new InvalidRecordException(DeadLetterReason.WRONG_TYPE,
                            "the value is a " + describe(value) + ", not a " + type.getSimpleName()
                                    + ": written with another schema than " + topic + "'s"));
                }
                return Decoded.ok(type.cast(value), data);
            }
        };
    }

    private static String describe(Object value) {
        if (value instanceof org.apache.avro.generic.GenericContainer avro) {
            return avro.getSchema().getFullName();
        }
        return value.getClass().getName();
    }

    @Override
    public void close() {
        inner.close();
    }
}
