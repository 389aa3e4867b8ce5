package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.riskstream.events.FraudDecision;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.RegistryCalls;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.Topics;

/**
 * The next {@code FraudDecision} through the real registry and the Apicurio serdes, schema id in the
 * headers: the next app version's serializer registers it under the subject's FULL_TRANSITIVE rule (this
 * leaves it the subject's latest version; the app keeps writing its own version, found by content), and a
 * downstream consumer built on today's class reads what it writes.
 */
class FraudDecisionEvolutionIT {

    private final String registry = TestRegistry.url();

    @Test
    void consumerOnTheCurrentClassReadsDecisionsThatTheNextVersionRegisteredAndWrote() {
        GenericRecord written = FraudDecisionEvolutionTest.nextDecision("REVIEW", "manual-high-value");
        RecordHeaders headers = new RecordHeaders();
        AvroKafkaSerializer<Object> nextApp = new AvroKafkaSerializer<>();
        nextApp.configure(new AvroSerdes(registry, true).config(), false);
        byte[] bytes = nextApp.serialize(Topics.FRAUD_DECISIONS.name(), headers, written);

        Object read = TestClients.avroDeserializer(registry).deserialize(Topics.FRAUD_DECISIONS.name(), headers, bytes);

        assertThat(RegistryCalls.latest(registry, Topics.FRAUD_DECISIONS.name() + "-value"))
                .isEqualTo(FraudDecisionEvolutionTest.NEXT);
        assertThat(read).isInstanceOf(FraudDecision.class)
                .isEqualTo(FraudDecisionEvolutionTest.currentDecision("REVIEW"));
    }
}
