package io.riskstream.operator;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.riskstream.platform.AvroSerdes;

/**
 * A record as one line of JSON, for operators: where it is, its key, its headers, and its value decoded through the
 * registry into the JSON of its Avro schema; a value that does not decode is given in base64 with the reason.
 * Header values are text when they are printable UTF-8, else {@code base64:...} (Apicurio's schema-id headers are
 * 8-byte numbers).
 */
final class RecordJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Deserializer<Object> values;

    /** @param values a reader of any topic's values, or null to print values as base64 only */
    RecordJson(Deserializer<Object> values) {
        this.values = values;
    }

    ObjectNode of(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode json = JSON.createObjectNode();
        json.put("topic", record.topic());
        json.put("partition", record.partition());
        json.put("offset", record.offset());
        json.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        json.put("key", record.key() == null ? null : text(record.key()));
        ObjectNode headers = json.putObject("headers");
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : text(header.value()));
        }
        putValue(json, record);
        return json;
    }

    private void putValue(ObjectNode json, ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            json.putNull("value");
            return;
        }
        if (values != null && !hasSchemaId(record)) {
            json.put("valueError", "no schema id: neither an apicurio.value.* header nor a leading magic byte 0");
        } else if (values != null) {
            try {
                Object value = values.deserialize(record.topic(), record.headers(), record.value());
                json.set("value", JSON.readTree(GenericData.get().toString(value)));
                return;
            } catch (RuntimeException e) {
                json.put("valueError", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        json.put("valueBase64", Base64.getEncoder().encodeToString(record.value()));
    }

    /** Whether the value names its writer's schema in one of the framings the registry's readers know. */
    private static boolean hasSchemaId(ConsumerRecord<byte[], byte[]> record) {
        for (Header header : record.headers()) {
            if (header.key().startsWith(AvroSerdes.VALUE_ID_HEADERS)) {
                return true;
            }
        }
        return record.value().length > 0 && record.value()[0] == 0;
    }

    static String line(JsonNode json) {
        return JSON.writeValueAsString(json);
    }

    /** Printable UTF-8 as it is; anything else as {@code base64:...}. */
    static String text(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            if (chars.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
                return chars.toString();
            }
        } catch (CharacterCodingException e) {
            // not text: below
        }
        return "base64:" + Base64.getEncoder().encodeToString(bytes);
    }
}
