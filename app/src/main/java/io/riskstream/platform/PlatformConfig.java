package io.riskstream.platform;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cross-cutting beans every capability uses. */
@Configuration(proxyBeanMethods = false)
class PlatformConfig {

    @Bean
    AvroSerdes avroSerdes(RiskstreamProperties properties) {
        return new AvroSerdes(properties.registry().url(), properties.registry().autoRegister());
    }

    /** Named in every input binding's {@code timestampExtractorBeanName}. */
    @Bean
    EventTimeExtractor eventTimeExtractor() {
        return new EventTimeExtractor();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
