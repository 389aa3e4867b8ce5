package io.riskstream.platform;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.riskstream.schemas.SchemaCatalog;

/** The cross-cutting beans every capability uses. */
@Configuration(proxyBeanMethods = false)
class PlatformConfig {

    @Bean
    AvroSerdes avroSerdes(RiskstreamProperties properties) {
        RiskstreamProperties.Registry registry = properties.registry();
        if (registry.requireSubjects()) {
            // Before any serde exists, so before any stream starts.
            new RequiredSubjects(registry.url()).check(SchemaCatalog.load().subjects());
        }
        return new AvroSerdes(registry.url(), registry.autoRegister());
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
