package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;

import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import io.apicurio.registry.rest.client.exception.RestClientException;
import io.apicurio.registry.rest.v2.beans.Error;

class TransientFailuresTest {

    @Test
    void registryThatCannotBeReachedIsTransient() {
        assertThat(TransientFailures.isTransient(registry(null, "ConnectException"))).isTrue();
        assertThat(TransientFailures.isTransient(new SerializationException("x", new ConnectException("refused"))))
                .isTrue();
    }

    @Test
    void registryServerErrorsAndThrottlingAreTransient() {
        assertThat(TransientFailures.isTransient(registry(503, "ServiceUnavailable"))).isTrue();
        assertThat(TransientFailures.isTransient(registry(500, "Internal"))).isTrue();
        assertThat(TransientFailures.isTransient(registry(429, "TooMany"))).isTrue();
        assertThat(TransientFailures.isTransient(registry(401, "NotAuthorized"))).isTrue();
    }

    @Test
    void brokerTimeoutsAreTransient() {
        assertThat(TransientFailures.isTransient(new TimeoutException("metadata"))).isTrue();
    }

    @Test
    void unknownSchemaIdsAndBadBytesArePermanent() {
        assertThat(TransientFailures.isTransient(registry(404, "ArtifactNotFoundException"))).isFalse();
        assertThat(TransientFailures.isTransient(registry(null, "JsonParseException"))).isFalse();
        assertThat(TransientFailures.isTransient(new AvroRuntimeException("malformed"))).isFalse();
        assertThat(TransientFailures.isTransient(new SerializationException("x", new EOFException()))).isFalse();
        assertThat(TransientFailures.isTransient(new ClassCastException("LoginEvent"))).isFalse();
    }

    private static RestClientException registry(Integer code, String name) {
        Error error = new Error();
        error.setErrorCode(code);
        error.setName(name);
        return new RestClientException(error);
    }
}
