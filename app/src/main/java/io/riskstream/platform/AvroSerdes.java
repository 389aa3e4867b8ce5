package io.riskstream.platform;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.apicurio.registry.resolver.SchemaResolverConfig;
import io.apicurio.registry.serde.Legacy4ByteIdHandler;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.strategy.TopicIdStrategy;

/**
 * The one place where value serdes are configured: Apicurio Registry Avro, artifact {@code <topic>-value}, written
 * in the Confluent framing (magic byte, 4-byte content id, Avro binary) that any Confluent-compatible reader decodes,
 * read in that framing or with the id in the record headers (Apicurio's, as producers wrote so far), and the
 * generated class as reader schema so that records written with any compatible version (older or newer) decode
 * into the app's own classes.
 *
 * <p>Only serializers of topics the app writes may register a schema, and only when {@code autoRegister};
 * the topics other systems write ({@link Topics#INPUTS}) and every deserializer only look schemas up.
 */
public final class AvroSerdes {

    /**
     * The prefix of Apicurio's value headers, with which it names a value's schema when the id travels in the headers
     * (the framing of builds before the Confluent one, and of producers that keep Apicurio's default).
     */
    public static final String VALUE_ID_HEADERS = "apicurio.value.";

    /** Where every subject lives in the registry. */
    static final String ARTIFACT_GROUP = "default";

    private final boolean autoRegister;
    private final Map<String, Object> config;
    private final Map<String, Object> lookupOnly;
    private final Map<String, Object> reader;

    public AvroSerdes(String registryUrl, boolean autoRegister) {
        this(registryUrl, autoRegister, Map.of());
    }

    /**
     * @param client Apicurio's own client settings, as they are: authentication ({@code apicurio.auth.*}) and
     *               TLS ({@code apicurio.registry.request.ssl.*}); {@code riskstream.registry.client.*}
     */
    public AvroSerdes(String registryUrl, boolean autoRegister, Map<String, ?> client) {
        this(registryUrl, autoRegister, client, Framing.CONFLUENT);
    }

    /** How the app's serializers say which schema wrote a value ({@code riskstream.registry.framing}). */
    public enum Framing {
        /** Magic byte 0, the 4-byte content id, the Avro binary: what every Confluent-compatible reader decodes. */
        CONFLUENT,
        /**
         * The global id in the {@code apicurio.value.globalId} header, the value plain Avro binary: what builds before
         * the Confluent framing wrote and read. For the first roll of an upgrade from such a build, whose instances
         * cannot read the Confluent framing (docs/operations.md).
         */
        HEADERS
    }

    /** @param framing how the serializers frame a value's schema id; the deserializers read both framings */
    public AvroSerdes(String registryUrl, boolean autoRegister, Map<String, ?> client, Framing framing) {
        this.autoRegister = autoRegister;
        this.config = settings(registryUrl, autoRegister, client, framing);
        this.lookupOnly = settings(registryUrl, false, client, framing);
        Map<String, Object> reader = new HashMap<>(settings(registryUrl, false, client, Framing.CONFLUENT));
        // A reader takes both framings: the id in the headers (as upstream producers wrote it so far, and as
        // Apicurio finds it first) or, without one, after a magic byte in the value.
        reader.put(SerdeConfig.ENABLE_HEADERS, true);
        this.reader = Map.copyOf(reader);
    }

    private static Map<String, Object> settings(String registryUrl, boolean autoRegister, Map<String, ?> client,
                                                Framing framing) {
        // The operator's client settings first: what follows is how this app uses the registry, not theirs to change.
        Map<String, Object> config = new HashMap<>(client);
        config.put(SerdeConfig.REGISTRY_URL, registryUrl);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, autoRegister);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "RETURN_OR_UPDATE");
        // The group RegistryRules registers in. Left unset, registering still lands there, but a serializer
        // that only looks up asks for group "null" and finds nothing.
        config.put(SerdeConfig.EXPLICIT_ARTIFACT_GROUP_ID, ARTIFACT_GROUP);
        // The whole schema, nested records inline, as RegistryRules registers it. Otherwise a serializer sends
        // FraudDecision with a reference to Reason: content no registered version has, so a lookup finds
        // nothing and a registration adds a version (and a Reason artifact) nobody meant to add.
        config.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        config.put(SerdeConfig.ARTIFACT_RESOLVER_STRATEGY, InlineTopicIdStrategy.class.getName());
        // A serializer finds the version whose content is its own schema, never the latest one: a newer
        // version that another producer registered must not become the writer schema of our records.
        config.put(SerdeConfig.FIND_LATEST_ARTIFACT, false);
        config.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        // A schema found by id or content never changes: when the registry is away, keep using what was found
        // instead of failing once the cache entry is due for its refresh (every 30 s). Only a schema never seen
        // before then needs the registry, and its record waits for it (TransientFailures).
        config.put(SchemaResolverConfig.FAULT_TOLERANT_REFRESH, true);
        // The framing every Confluent-compatible reader knows (Avro console consumers, Kafka Connect, ksqlDB, Flink's
        // avro-confluent): magic byte 0, the schema's 4-byte id, the Avro binary. The id is the content id, which is
        // what the registry's Confluent-compatible API (/apis/ccompat/v7/schemas/ids/{id}) answers to.
        if (framing == Framing.CONFLUENT) {
            config.put(SerdeConfig.ENABLE_HEADERS, false);
            config.put(SerdeConfig.ID_HANDLER, Legacy4ByteIdHandler.class.getName());
            config.put(SerdeConfig.USE_ID, IdOption.contentId.name());
        } else {
            config.put(SerdeConfig.ENABLE_HEADERS, true);
            config.put(SerdeConfig.USE_ID, IdOption.globalId.name());
        }
        // One Avro reader per writer schema instead of one per record: see ReusedAvroDatums.
        config.put(AvroKafkaSerdeConfig.AVRO_DATUM_PROVIDER, ReusedAvroDatums.class.getName());
        return Map.copyOf(config);
    }

    /**
     * Apicurio's {@code <topic>-value} naming, but handing the record's whole schema to the resolver: the
     * plain {@link TopicIdStrategy} does not, and a serializer that only looks up then sends references.
     */
    public static final class InlineTopicIdStrategy<T> extends TopicIdStrategy<T> {

        @Override
        public boolean loadSchema() {
            return true;
        }
    }

    /** The serde of {@code topic}'s values; its serializer registers the app's schema only if allowed. */
    public <T extends SpecificRecord> Serde<T> of(Topic<T> topic) {
        boolean register = autoRegister && !Topics.INPUTS.contains(topic);
        return serde(register ? config : lookupOnly);
    }

    private <T extends SpecificRecord> Serde<T> serde(Map<String, Object> serializerConfig) {
        AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
        AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();
        serializer.configure(serializerConfig, false);
        deserializer.configure(reader, false);
        return new Configured<>(Serdes.serdeFrom(new ResolvedOnceSerializer<>(serializer), deserializer));
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

    /**
     * A reader of any topic's values into generic records, whatever schema the registry gives their writer: for
     * operators' tools, which print what they do not know the class of. Never registers.
     */
    public Deserializer<Object> genericReader() {
        Map<String, Object> generic = new HashMap<>(reader);
        generic.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, false);
        // Apicurio's own datum provider: the reuse of ReusedAvroDatums is for the streams' hot path.
        generic.remove(AvroKafkaSerdeConfig.AVRO_DATUM_PROVIDER);
        AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(generic, false);
        return deserializer;
    }

    /** Reads an input topic's values without ever throwing: see {@link DecodingSerde}. Never registers. */
    public <T extends SpecificRecord> Serde<Decoded<T>> decoding(Topic<T> topic) {
        return new DecodingSerde<>(serde(lookupOnly), topic.valueType());
    }

    /** The registry settings, auto-register as configured, for a plain producer of a topic the app writes. */
    public Map<String, Object> config() {
        return config;
    }

    /** The registry settings of a plain consumer: either framing, never registering. */
    public Map<String, Object> readerConfig() {
        return reader;
    }
}
