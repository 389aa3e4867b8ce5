package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import io.apicurio.registry.rest.client.exception.RestClientException;
import io.apicurio.registry.rest.v2.beans.Error;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.Transaction;

class DecodingSerdeTest {

    @Test
    void registryThatCannotBeReachedIsRetriedNotDeadLettered() {
        Error error = new Error();
        error.setName("ConnectException");
        DecodingSerde<Transaction> serde = decoding((topic, bytes) -> {
            throw new RestClientException(error);
        });

        assertThatThrownBy(() -> serde.deserializer().deserialize("transactions", new byte[] {1}))
                .isInstanceOf(RestClientException.class);
    }

    @Test
    void unknownSchemaIdIsAFailedRecord() {
        Error error = new Error();
        error.setErrorCode(404);
        error.setName("ArtifactNotFoundException");
        DecodingSerde<Transaction> serde = decoding((topic, bytes) -> {
            throw new RestClientException(error);
        });

        Decoded<Transaction> decoded = serde.deserializer().deserialize("transactions", new byte[] {1});

        assertThat(decoded.isOk()).isFalse();
        assertThat(DeadLetterReason.of(decoded.error())).isEqualTo(DeadLetterReason.UNDECODABLE);
    }

    @Test
    void valueOfAnotherGeneratedTypeIsAWrongTypeRecord() {
        LoginEvent login = LoginEvent.newBuilder().setUserId("u").setCountry("DE").setSuccess(true)
                .setEventTime(Instant.EPOCH).build();
        DecodingSerde<Transaction> serde = decoding(unchecked(login));

        Decoded<Transaction> decoded = serde.deserializer().deserialize("transactions", new byte[] {1});

        assertThat(DeadLetterReason.of(decoded.error())).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(decoded.error()).hasMessageContaining("io.riskstream.events.LoginEvent");
    }

    @Test
    void decodingThatExhaustsTheStackIsAFailedRecordNotADeadThread() {
        DecodingSerde<Transaction> serde = decoding((topic, bytes) -> {
            throw new StackOverflowError();
        });

        Decoded<Transaction> decoded = serde.deserializer().deserialize("transactions", new byte[] {1});

        assertThat(DeadLetterReason.of(decoded.error())).isEqualTo(DeadLetterReason.UNDECODABLE);
    }

    @Test
    void tombstoneIsAFailedRecord() {
        Decoded<Transaction> decoded = decoding((topic, bytes) -> null).deserializer().deserialize("t", null);

        assertThat(DeadLetterReason.of(decoded.error())).isEqualTo(DeadLetterReason.TOMBSTONE);
    }

    /** A deserializer that returns {@code value} whatever it is, as Apicurio's specific reader does. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Deserializer<Transaction> unchecked(Object value) {
        Deserializer anything = (topic, bytes) -> value;
        return anything;
    }

    private static DecodingSerde<Transaction> decoding(Deserializer<Transaction> deserializer) {
        Serde<Transaction> inner = Serdes.serdeFrom((topic, value) -> new byte[0], deserializer);
        return new DecodingSerde<>(inner, Transaction.class);
    }
}
