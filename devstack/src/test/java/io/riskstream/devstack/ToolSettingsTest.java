package io.riskstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ToolSettingsTest {

    @Test
    void kafkaSettingsAreTheAppsSpringKafkaNamesWithSecretsFromTheEnvironment() {
        ToolSettings settings = ToolSettings.from(new String[] {
                "--riskstream.kafka.bootstrap-servers=kafka-a:9093,kafka-b:9093",
                "--spring.kafka.security.protocol=SASL_SSL",
                "--spring.kafka.ssl.trust-store-location=file:/etc/riskstream/kafka-truststore.p12",
                "--spring.kafka.ssl.trust-store-type=PKCS12",
                "--spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                "--demo-transactions-per-second=5", "positional"},
                Map.of("SPRING_KAFKA_SSL_TRUSTSTOREPASSWORD", "trust-secret",
                        "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "ScramLoginModule required username=\"demo\";"));

        assertThat(settings.kafkaProducer())
                .containsEntry("bootstrap.servers", "kafka-a:9093,kafka-b:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", "/etc/riskstream/kafka-truststore.p12")
                .containsEntry("ssl.truststore.password", "trust-secret")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "ScramLoginModule required username=\"demo\";")
                .doesNotContainKeys("key.serializer", "value.serializer", "transactional.id");
        assertThat(settings.kafkaConsumer()).containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKeys("group.id", "key.deserializer", "value.deserializer");
    }

    @Test
    void withoutTheAppsBootstrapSettingTheBrokersAreSpringKafkasAndNothingSecuredIsInvented() {
        ToolSettings settings = ToolSettings.from(new String[] {"--spring.kafka.bootstrap-servers=kafka:9092"},
                Map.of());

        assertThat(settings.kafkaProducer()).containsEntry("bootstrap.servers", "kafka:9092")
                .doesNotContainKeys("security.protocol", "ssl.truststore.location", "sasl.jaas.config");
        assertThat(settings.registryUrl()).isEmpty();
    }

    @Test
    void registrySettingsAreTheAppsWithThePasswordFromTheEnvironment() {
        ToolSettings settings = ToolSettings.from(new String[] {
                "--riskstream.registry.url=https://registry-a:8443/apis/registry/v2",
                "--riskstream.registry.client.apicurio.auth.username=riskstream"},
                Map.of("RISKSTREAM_REGISTRY_CLIENT_APICURIO_AUTH_PASSWORD", "registry-secret"));

        assertThat(settings.registryUrl()).contains("https://registry-a:8443/apis/registry/v2");
        assertThat(settings.registryClient()).containsEntry("apicurio.auth.username", "riskstream")
                .containsEntry("apicurio.auth.password", "registry-secret");
    }
}
