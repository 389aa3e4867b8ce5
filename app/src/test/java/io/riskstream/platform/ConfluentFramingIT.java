package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.riskstream.events.Transaction;

/**
 * The topics speak the framing every Confluent-compatible reader knows, checked with a reader and a writer written
 * here from its description alone, not with any serde of the project or of Apicurio: magic byte 0, the schema's id
 * as 4 bytes big-endian, the Avro binary; the schema fetched by that id from the registry's Confluent-compatible API
 * ({@code /apis/ccompat/v7/schemas/ids/{id}}). Every topic the app writes is written so; every input reads it, and
 * still reads the id-in-headers framing of the producers that came before.
 */
class ConfluentFramingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String registry = TestRegistry.url();
    /** The registry's root: its v2 API is under {@code /apis/registry/v2}, the Confluent-compatible one beside it. */
    private final String root = registry.substring(0, registry.indexOf("/apis/"));

    @Test
    void everyTopicTheAppWritesDecodesAsAConfluentCompatibleReaderDecodesIt() throws Exception {
        AvroSerdes serdes = new AvroSerdes(registry, false);
        Random random = new Random(3);
        for (Topic<?> topic : Topics.ALL) {
            if (Topics.INPUTS.contains(topic)) {
                continue;
            }
            Serializer<SpecificRecord> serializer = serializer(serdes, topic);
            // The first records go through Apicurio's serializer, the next through the app's own encoding of them.
            for (int i = 0; i < 5; i++) {
                SpecificRecord record = randomRecord(topic, random);
                Headers headers = inputHeaders();
                byte[] bytes = serializer.serialize(topic.name(), headers, record);

                assertThat(bytes[0]).as("%s: magic byte", topic.name()).isZero();
                GenericRecord read = confluentRead(bytes);
                // As JSON trees: the same fields and values, maps in any order.
                assertThat(JSON.readTree(generic().toString(read))).as(topic.name())
                        .isEqualTo(JSON.readTree(SpecificData.get().toString(record)));
                assertThat(headers.lastHeader("apicurio.value.globalId")).as("%s: the input's schema id", topic.name())
                        .isNull();
                assertThat(headers.lastHeader("trace-id")).as("%s: the input's own headers", topic.name()).isNotNull();
            }
        }
    }

    @Test
    void anInputReadsTheConfluentFramingAndTheHeaderFramingAlike() throws Exception {
        Random random = new Random(5);
        var reader = new AvroSerdes(registry, false).decoding(Topics.TRANSACTIONS).deserializer();
        AvroKafkaSerializer<Transaction> headerFraming = new AvroKafkaSerializer<>();
        headerFraming.configure(TestClients.headerFraming(registry), false);
        for (int i = 0; i < 20; i++) {
            Transaction transaction = (Transaction) randomRecord(Topics.TRANSACTIONS, random);

            byte[] confluent = confluentWrite(Topics.TRANSACTIONS.name(), transaction);
            Headers none = new RecordHeaders();
            assertThat(reader.deserialize(Topics.TRANSACTIONS.name(), none, confluent).value()).isEqualTo(transaction);

            Headers headers = new RecordHeaders();
            byte[] framedInHeaders = headerFraming.serialize(Topics.TRANSACTIONS.name(), headers, transaction);
            assertThat(headers.lastHeader("apicurio.value.globalId")).isNotNull();
            assertThat(reader.deserialize(Topics.TRANSACTIONS.name(), headers, framedInHeaders).value())
                    .isEqualTo(transaction);
        }
    }

    @Test
    void withTheHeaderFramingSetForAnUpgradeTheIdGoesInTheHeadersAsOlderBuildsReadIt() throws Exception {
        AvroSerdes serdes = new AvroSerdes(registry, false, Map.of(), AvroSerdes.Framing.HEADERS);
        // A reader of the builds before: the global id from the headers, nothing else.
        AvroKafkaDeserializer<Object> older = new AvroKafkaDeserializer<>();
        older.configure(TestClients.headerFraming(registry), false);
        Random random = new Random(9);
        Serializer<SpecificRecord> serializer = serializer(serdes, Topics.FRAUD_DECISIONS);
        for (int i = 0; i < 5; i++) {
            SpecificRecord decision = randomRecord(Topics.FRAUD_DECISIONS, random);
            Headers headers = inputHeaders();
            byte[] bytes = serializer.serialize(Topics.FRAUD_DECISIONS.name(), headers, decision);

            assertThat(headers.headers("apicurio.value.globalId")).hasSize(1);
            assertThat(older.deserialize(Topics.FRAUD_DECISIONS.name(), headers, bytes)).isEqualTo(decision);
            assertThat(serdes.of(Topics.FRAUD_DECISIONS).deserializer()
                    .deserialize(Topics.FRAUD_DECISIONS.name(), headers, bytes)).isEqualTo(decision);
        }
    }

    @SuppressWarnings("unchecked")
    private static Serializer<SpecificRecord> serializer(AvroSerdes serdes, Topic<?> topic) {
        return (Serializer<SpecificRecord>) serdes.of((Topic<SpecificRecord>) topic).serializer();
    }

    /** A record of the topic's class with random content (Avro's own generator, through the class's schema). */
    private static SpecificRecord randomRecord(Topic<?> topic, Random random) {
        Schema schema = SpecificData.get().getSchema(topic.valueType());
        GenericRecord generic = (GenericRecord) new RandomData(schema, 1, random.nextLong()).iterator().next();
        return (SpecificRecord) SpecificData.getForSchema(schema).deepCopy(schema, fromGeneric(schema, generic));
    }

    /** Random data's strings and longs as the specific class wants them: re-read through its own writer. */
    private static Object fromGeneric(Schema schema, GenericRecord generic) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new org.apache.avro.generic.GenericDatumWriter<GenericRecord>(schema).write(generic, encoder);
            encoder.flush();
            return new org.apache.avro.specific.SpecificDatumReader<>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Headers inputHeaders() {
        return new RecordHeaders().add("trace-id", "t".getBytes(StandardCharsets.UTF_8))
                .add("apicurio.value.globalId", new byte[] {0, 0, 0, 0, 0, 0, 0, 1});
    }

    /** The Confluent reader: magic byte, 4-byte id, the writer schema from the compatible API, the Avro body. */
    private GenericRecord confluentRead(byte[] bytes) throws Exception {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        assertThat(buffer.get()).isZero();
        int id = buffer.getInt();
        JsonNode answer = get("/apis/ccompat/v7/schemas/ids/" + id);
        Schema writer = new Schema.Parser().parse(answer.get("schema").asText());
        return new GenericDatumReader<GenericRecord>(writer, writer, generic())
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
    }

    /** The Confluent writer: the id the compatible API gives the schema under {@code <topic>-value}, then the body. */
    private byte[] confluentWrite(String topic, SpecificRecord record) throws Exception {
        Map<String, String> body = new HashMap<>();
        body.put("schema", record.getSchema().toString());
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "/apis/ccompat/v7/subjects/" + topic + "-value"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        int id = JSON.readTree(response.body()).get("id").asInt();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(root + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Generic data that reads timestamps as the generated classes do, so both print alike. */
    private static GenericData generic() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        return data;
    }

}
