package io.riskstream.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import io.riskstream.schemas.SchemaCatalog;

/**
 * A registry-free Avro serde for TopologyTestDriver tests: Avro single-object encoding, which carries the
 * writer schema's fingerprint, resolved against every version the schema catalog knows, so that records
 * written with an old version decode into the newest class just as they do through the real registry.
 */
public final class TestAvroSerde {

    private static final SchemaStore.Cache KNOWN = new SchemaStore.Cache();

    static {
        SchemaCatalog.load().subjects().forEach(subject -> subject.versions().forEach(KNOWN::addSchema));
    }

    private TestAvroSerde() {
    }

    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(SpecificData.getForClass(type), schema);
        Serializer<T> serializer = (topic, value) -> value == null ? null : encode(encoder, value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : decodeAsWritten(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /**
     * Decodes as Apicurio's deserializer with the specific reader does: into the generated class named by the
     * writer schema, whatever type the caller expects (a login written to {@code transactions} decodes into a
     * {@code LoginEvent}), or a generic record when no such class exists.
     */
    @SuppressWarnings("unchecked")
    private static <T> T decodeAsWritten(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            if (bytes.length < 10 || buffer.get() != (byte) 0xC3 || buffer.get() != (byte) 0x01) {
                throw new org.apache.avro.message.BadHeaderException("not Avro single-object encoding");
            }
            Schema writer = KNOWN.findByFingerprint(buffer.getLong());
            if (writer == null) {
                throw new org.apache.avro.message.MissingSchemaException("unknown schema fingerprint");
            }
            Class<?> generated = SpecificData.get().getClass(writer);
            Schema reader = generated == null ? writer : SpecificData.get().getSchema(generated);
            var datumReader = new org.apache.avro.specific.SpecificDatumReader<T>(writer, reader);
            return datumReader.read(null, org.apache.avro.io.DecoderFactory.get()
                    .binaryDecoder(bytes, 10, bytes.length - 10, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of {@code record} written with an older (or newer) {@code writerSchema}. */
    public static byte[] writtenWith(Schema writerSchema, GenericRecord record) {
        KNOWN.addSchema(writerSchema);
        return encode(new BinaryMessageEncoder<>(GenericData.get(), writerSchema), record);
    }

    private static <T> byte[] encode(BinaryMessageEncoder<T> encoder, T value) {
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
