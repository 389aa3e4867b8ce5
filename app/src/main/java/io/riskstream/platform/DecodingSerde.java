package io.riskstream.platform;

import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads an input topic's values into {@link Decoded}: a value that the inner deserializer cannot read (not
 * Avro, an unknown schema, a registry error) becomes a failed {@code Decoded} instead of an exception.
 * Writing is the inner serializer's, for the rare topology that writes a {@code Decoded} back.
 */
public final class DecodingSerde<T> implements Serde<Decoded<T>> {

    private final Serde<T> inner;

    public DecodingSerde(Serde<T> inner) {
        this.inner = inner;
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
                    return Decoded.failed(null, new InvalidRecordException("the record has no value (a tombstone)"));
                }
                try {
                    T value = headers == null ? deserializer.deserialize(topic, data)
                            : deserializer.deserialize(topic, headers, data);
                    return value == null
                            ? Decoded.failed(data, new InvalidRecordException("the value decoded to nothing"))
                            : Decoded.ok(value, data);
                } catch (RuntimeException e) {
                    return Decoded.failed(data, e);
                }
            }
        };
    }

    @Override
    public void close() {
        inner.close();
    }
}
