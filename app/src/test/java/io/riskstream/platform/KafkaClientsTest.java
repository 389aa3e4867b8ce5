package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.io.FileSystemResource;

class KafkaClientsTest {

    @Test
    void plainClientsConnectAsTheOperatorConfiguredSpringKafkaWithTheAppsBrokers() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getSecurity().setProtocol("SASL_SSL");
        kafka.getProperties().put("sasl.mechanism", "SCRAM-SHA-512");
        kafka.getProperties().put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule "
                + "required username=\"riskstream\" password=\"secret\";");
        kafka.getSsl().setTrustStoreLocation(new FileSystemResource("/etc/riskstream/truststore.p12"));
        kafka.getSsl().setTrustStorePassword("changeit");
        kafka.getConsumer().setGroupId("someone-elses-group");
        kafka.getConsumer().setValueDeserializer(StringDeserializer.class);
        kafka.getProducer().setTransactionIdPrefix("tx-");

        KafkaClients clients = new KafkaClients(kafka, "broker-a1:9093,broker-b1:9093");

        for (Map<String, Object> config : List.of(clients.consumer(), clients.producer())) {
            assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.password", "changeit")
                    .containsEntry("bootstrap.servers", "broker-a1:9093,broker-b1:9093");
            assertThat(config.get("sasl.jaas.config")).asString().contains("ScramLoginModule");
            assertThat(config.get("ssl.truststore.location")).asString().endsWith("truststore.p12");
        }
        assertThat(clients.consumer()).doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        assertThat(clients.producer()).doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    }
}
