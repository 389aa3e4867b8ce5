package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.apache.kafka.common.header.Headers;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.Reason;
import io.riskstream.events.Transaction;

/**
 * Which serializers may register a schema, against the real registry: those of topics the app writes, and
 * only with auto-register on; those of topics other systems write never do. Each test writes to a topic
 * name of its own, whose subject the registry does not have.
 */
class AvroSerdesIT {

    private final String registry = TestRegistry.url();

    @Test
    void serializerOfATopicTheAppWritesRegistersItsSchemaWhenAutoRegisterIsOn() {
        new AvroSerdes(registry, true).of(Topics.FRAUD_DECISIONS).serializer()
                .serialize("avro-serdes-it-writes", new RecordHeaders(), decision());

        assertThat(RegistryCalls.exists(registry, "avro-serdes-it-writes-value")).isTrue();
    }

    @Test
    void serializerOfATopicTheAppWritesOnlyLooksUpWhenAutoRegisterIsOff() {
        var serializer = new AvroSerdes(registry, false).of(Topics.FRAUD_DECISIONS).serializer();

        assertThatThrownBy(() -> serializer.serialize("avro-serdes-it-off", new RecordHeaders(), decision()));
        assertThat(RegistryCalls.exists(registry, "avro-serdes-it-off-value")).isFalse();
    }

    @Test
    void inputsOtherSystemsWriteAreNeverRegisteredEvenWithAutoRegisterOn() {
        AvroSerdes serdes = new AvroSerdes(registry, true);

        assertThatThrownBy(() -> serdes.of(Topics.TRANSACTIONS).serializer()
                .serialize("avro-serdes-it-input", new RecordHeaders(), transaction()));
        assertThatThrownBy(() -> serdes.decoding(Topics.TRANSACTIONS).serializer()
                .serialize("avro-serdes-it-input", new RecordHeaders(), Decoded.ok(transaction(), null)));
        assertThat(RegistryCalls.exists(registry, "avro-serdes-it-input-value")).isFalse();
    }

    @Test
    void everyRecordCarriesTheHeadersAndBytesTheRegistrySerializerWouldHaveWritten() {
        AvroSerdes serdes = new AvroSerdes(registry, true);
        var ours = serdes.of(Topics.FRAUD_DECISIONS).serializer();
        AvroKafkaSerializer<FraudDecision> apicurio = new AvroKafkaSerializer<>();
        apicurio.configure(serdes.config(), false);
        Random random = new Random(7);

        for (int i = 0; i < 300; i++) {
            FraudDecision decision = randomDecision(random);
            // Records keep the headers of the input they came from, an id of another schema among them, which is
            // dropped: the output's id is in its value.
            Headers expectedHeaders = inputHeaders(i);
            expectedHeaders.remove("apicurio.value.globalId");
            expectedHeaders.remove("apicurio.value.encoding");
            byte[] expected = apicurio.serialize("avro-serdes-it-same", expectedHeaders, decision);
            Headers headers = inputHeaders(i);

            assertThat(ours.serialize("avro-serdes-it-same", headers, decision)).isEqualTo(expected);
            assertThat(headers.toArray()).containsExactly(expectedHeaders.toArray());
        }
    }

    @Test
    void recordsTheRegistrySerializerWroteReadBackAsTheyWere() {
        AvroSerdes serdes = new AvroSerdes(registry, true);
        AvroKafkaSerializer<FraudDecision> apicurio = new AvroKafkaSerializer<>();
        apicurio.configure(serdes.config(), false);
        var ours = serdes.of(Topics.FRAUD_DECISIONS).deserializer();
        Random random = new Random(11);

        for (int i = 0; i < 300; i++) {
            FraudDecision decision = randomDecision(random);
            Headers headers = new RecordHeaders();
            byte[] bytes = apicurio.serialize("avro-serdes-it-read", headers, decision);

            assertThat(ours.deserialize("avro-serdes-it-read", headers, bytes)).isEqualTo(decision);
        }
    }

    private static Headers inputHeaders(int i) {
        Headers headers = new RecordHeaders().add("trace-id", ("t-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (i % 2 == 0) {
            headers.add("apicurio.value.globalId", new byte[] {0, 0, 0, 0, 0, 0, 0, 1});
            headers.add("apicurio.value.encoding", "BINARY".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static FraudDecision randomDecision(Random random) {
        Instant time = Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000_000));
        List<Reason> reasons = new java.util.ArrayList<>();
        for (int r = random.nextInt(4); r > 0; r--) {
            reasons.add(new Reason(text(random), random.nextInt(2000) - 1000, text(random)));
        }
        return FraudDecision.newBuilder().setTransactionId(text(random)).setCardId(text(random))
                .setScore(random.nextInt(1001)).setDecision(List.of("APPROVE", "REVIEW", "DECLINE").get(random.nextInt(3)))
                .setReasons(reasons).setRulesetVersion(random.nextLong(1, Long.MAX_VALUE)).setEventTime(time)
                .setDecidedAt(time.plusMillis(random.nextInt(10_000))).build();
    }

    /** Any text, multi-byte characters included, up to 300 characters. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int c = random.nextInt(300); c > 0; c--) {
            text.appendCodePoint(random.nextInt(10) == 0 ? 0x1F600 + random.nextInt(50) : 0x20 + random.nextInt(0x250));
        }
        return text.toString();
    }

    private static FraudDecision decision() {
        Instant now = Instant.now();
        return FraudDecision.newBuilder().setTransactionId("tx-serdes").setCardId("card-serdes").setScore(0)
                .setDecision("APPROVE").setReasons(List.of()).setRulesetVersion(1L).setEventTime(now)
                .setDecidedAt(now).build();
    }

    private static Transaction transaction() {
        return Transaction.newBuilder().setTransactionId("tx-serdes").setCardId("card-serdes")
                .setAccountId("account-serdes").setAmountMinor(100).setCurrency("EUR").setMerchantId("m")
                .setMerchantCategory("5411").setCountry("DE").setChannel("POS").setEventTime(Instant.now())
                .setDeviceId(null).setIpCountry(null).build();
    }
}
