package io.riskstream.platform;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/** The plain Kafka clients' settings, from Spring Boot's {@code spring.kafka.*}: see {@link KafkaClients}. */
@Configuration(proxyBeanMethods = false)
class KafkaClientsConfig {

    @Bean
    KafkaClients kafkaClients(KafkaProperties kafka, RiskstreamProperties properties) {
        return new KafkaClients(kafka, properties.kafka().bootstrapServers());
    }

    /** Consumer lag of every stream's group, whichever streams this instance runs: see {@link ConsumerLag}. */
    @Bean
    ConsumerLag consumerLag(KafkaClients kafka, MeterRegistry meters) {
        return new ConsumerLag(kafka, Streams.ALL.stream().map(Stream::applicationId).toList(), meters);
    }
}
