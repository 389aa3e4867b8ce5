package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.riskstream.events.FraudDecision;
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
