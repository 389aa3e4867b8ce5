package io.riskstream.platform;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The plain Kafka clients' settings, from Spring Boot's {@code spring.kafka.*}: see {@link KafkaClients}. */
@Configuration(proxyBeanMethods = false)
class KafkaClientsConfig {

    @Bean
    KafkaClients kafkaClients(KafkaProperties kafka, RiskstreamProperties properties) {
        return new KafkaClients(kafka, properties.kafka().bootstrapServers());
    }
}
