package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import io.riskstream.events.FraudDecision;

/**
 * The registry serializer is asked once per schema and topic, and what the records carry is what it would have
 * written. (Against the real registry serializer: AvroSerdesIT.)
 */
class ResolvedOnceSerializerTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void theRegistryIsAskedOncePerTopicAndTheRecordsCarryItsHeadersAndBytes() {
        Registry registry = new Registry(Framing.IN_HEADERS);
        ResolvedOnceSerializer<FraudDecision> serializer = new ResolvedOnceSerializer<>(registry, nanos::get);

        for (int i = 0; i < 5; i++) {
            for (String topic : List.of("fraud-decisions", "fraud-alerts")) {
                FraudDecision decision = decision("tx-" + i);
                Headers expectedHeaders = new RecordHeaders();
                byte[] expected = registry.write(topic, expectedHeaders, decision);
                Headers headers = new RecordHeaders().add("traceparent", new byte[] {1});
                expectedHeaders = new RecordHeaders().add("traceparent", new byte[] {1});
                registry.write(topic, expectedHeaders, decision);

                assertThat(serializer.serialize(topic, headers, decision)).isEqualTo(expected);
                assertThat(headers.toArray()).containsExactly(expectedHeaders.toArray());
            }
        }
        assertThat(registry.asked).containsExactly("fraud-decisions", "fraud-alerts");
    }

    @Test
    void theRegistryIsAskedAgainOnceItsAnswerIsDueForARefresh() {
        Registry registry = new Registry(Framing.IN_HEADERS);
        ResolvedOnceSerializer<FraudDecision> serializer = new ResolvedOnceSerializer<>(registry, nanos::get);

        serializer.serialize("fraud-decisions", new RecordHeaders(), decision("a"));
        nanos.addAndGet(ResolvedOnceSerializer.REFRESH_NANOS - 1);
        serializer.serialize("fraud-decisions", new RecordHeaders(), decision("b"));
        nanos.addAndGet(1);
        serializer.serialize("fraud-decisions", new RecordHeaders(), decision("c"));

        assertThat(registry.asked).hasSize(2);
    }

    @Test
    void aRegistrySerializerThatFramesTheIdInTheValueIsAskedOnceAndItsFramingKept() {
        Registry registry = new Registry(Framing.IN_VALUE);
        ResolvedOnceSerializer<FraudDecision> serializer = new ResolvedOnceSerializer<>(registry, nanos::get);

        for (int i = 0; i < 3; i++) {
            FraudDecision decision = decision("tx-" + i);
            byte[] expected = registry.write("fraud-decisions", new RecordHeaders(), decision);
            Headers headers = new RecordHeaders();

            assertThat(serializer.serialize("fraud-decisions", headers, decision)).isEqualTo(expected);
            assertThat(headers.toArray()).isEmpty();
        }
        assertThat(registry.asked).hasSize(1);
    }

    @Test
    void aRegistrySerializerWhoseBytesAreNotAvroBinaryAfterItsFramingWritesEveryRecordItself() {
        Registry registry = new Registry(Framing.OTHER_ENCODING);
        ResolvedOnceSerializer<FraudDecision> serializer = new ResolvedOnceSerializer<>(registry, nanos::get);

        for (int i = 0; i < 3; i++) {
            FraudDecision decision = decision("tx-" + i);
            assertThat(serializer.serialize("fraud-decisions", new RecordHeaders(), decision))
                    .isEqualTo(registry.write("fraud-decisions", new RecordHeaders(), decision));
        }
        assertThat(registry.asked).hasSize(3);
    }

    @Test
    void theInputsSchemaIdHeadersAreRemovedAndItsOtherHeadersKept() {
        Registry registry = new Registry(Framing.IN_VALUE);
        ResolvedOnceSerializer<FraudDecision> serializer = new ResolvedOnceSerializer<>(registry, nanos::get);

        for (int i = 0; i < 2; i++) {
            Headers headers = new RecordHeaders().add("trace-id", new byte[] {7})
                    .add("apicurio.value.globalId", new byte[] {0, 0, 0, 0, 0, 0, 0, 9})
                    .add("apicurio.value.encoding", "BINARY".getBytes());
            serializer.serialize("fraud-decisions", headers, decision("tx-" + i));

            assertThat(headers.toArray()).extracting(header -> header.key()).containsExactly("trace-id");
        }
    }

    @Test
    void aRecordWithoutHeadersGoesToTheRegistrySerializer() {
        Registry registry = new Registry(Framing.IN_HEADERS);
        ResolvedOnceSerializer<FraudDecision> serializer = new ResolvedOnceSerializer<>(registry, nanos::get);

        serializer.serialize("fraud-decisions", new RecordHeaders(), decision("a"));
        serializer.serialize("fraud-decisions", decision("b"));

        assertThat(registry.asked).hasSize(2);
    }

    private static FraudDecision decision(String id) {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        return FraudDecision.newBuilder().setTransactionId(id).setCardId("card-1").setScore(10)
                .setDecision("APPROVE").setReasons(List.of()).setRulesetVersion(3L).setEventTime(now)
                .setDecidedAt(now).build();
    }

    private enum Framing { IN_HEADERS, IN_VALUE, OTHER_ENCODING }

    /** Writes as Apicurio does: an id per topic in a header (or, framed, in front of the value), then Avro binary. */
    private static final class Registry implements Serializer<FraudDecision> {

        final List<String> asked = new ArrayList<>();
        private final Framing framing;

        Registry(Framing framing) {
            this.framing = framing;
        }

        @Override
        public byte[] serialize(String topic, FraudDecision data) {
            asked.add(topic);
            return ByteBuffer.allocate(5).put((byte) 0).putInt(topic.hashCode()).array();
        }

        @Override
        public byte[] serialize(String topic, Headers headers, FraudDecision data) {
            asked.add(topic);
            return write(topic, headers, data);
        }

        byte[] write(String topic, Headers headers, FraudDecision data) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (framing != Framing.IN_HEADERS) {
                out.writeBytes(ByteBuffer.allocate(5).put((byte) 0).putInt(topic.hashCode()).array());
            } else {
                headers.add("apicurio.value.globalId", ByteBuffer.allocate(8).putLong(topic.hashCode()).array());
                headers.add("apicurio.value.encoding", "BINARY".getBytes());
            }
            if (framing == Framing.OTHER_ENCODING) {
                out.writeBytes(data.toString().getBytes());
                return out.toByteArray();
            }
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            try {
                new SpecificDatumWriter<>(FraudDecision.class).write(data, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
