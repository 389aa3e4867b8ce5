package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RequiredSubjectsTest {

    @Test
    void aRegistryTrustStoreThatCannotBeReadStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new RequiredSubjects("https://registry:8443/apis/registry/v2", Map.of(
                "apicurio.registry.request.ssl.truststore.location", "/nowhere/registry-truststore.p12",
                "apicurio.registry.request.ssl.truststore.type", "PKCS12")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apicurio.registry.request.ssl.truststore.location=/nowhere/registry-truststore.p12");
    }
}
