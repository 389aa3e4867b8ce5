package io.riskstream.platform;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/**
 * The one place where value serdes are configured: Apicurio Registry Avro, artifact {@code <topic>-value},
 * the schema id in the record headers, and the generated class as reader schema so that records written
 * with any compatible version (older or newer) decode into the app's own classes.
 */
public final class AvroSerdes {

    private final Map<String, Object> config;

    public AvroSerdes(String registryUrl, boolean autoRegister) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, registryUrl);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, autoRegister);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "RETURN_OR_UPDATE");
        config.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        this.config = Map.copyOf(config);
    }

    /** The serde of {@code topic}'s values. */
    public <T extends SpecificRecord> Serde<T> of(Topic<T> topic) {
        return of(topic.valueType());
    }

    public <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
        AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();
        serializer.configure(config, false);
        deserializer.configure(config, false);
        return new Configured<>(Serdes.serdeFrom(serializer, deserializer));
    }

    /**
     * A serde that keeps the configuration it was built with: Kafka Streams and the binder call
     * {@code configure} again with their own settings, which know nothing of the registry.
     */
    private record Configured<T>(Serde<T> serde) implements Serde<T> {

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
        }

        @Override
        public org.apache.kafka.common.serialization.Serializer<T> serializer() {
            return serde.serializer();
        }

        @Override
        public org.apache.kafka.common.serialization.Deserializer<T> deserializer() {
            return serde.deserializer();
        }

        @Override
        public void close() {
            serde.close();
        }
    }

    /** Reads {@code topic}'s values without ever throwing: see {@link DecodingSerde}. */
    public <T extends SpecificRecord> Serde<Decoded<T>> decoding(Topic<T> topic) {
        return new DecodingSerde<>(of(topic));
    }

    /** The registry settings, for a plain producer or consumer. */
    public Map<String, Object> config() {
        return config;
    }
}
