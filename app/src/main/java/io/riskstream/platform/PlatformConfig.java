package io.riskstream.platform;

import java.time.Clock;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateRestoreListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import io.micrometer.core.instrument.MeterRegistry;

import io.riskstream.schemas.SchemaCatalog;

/** The cross-cutting beans every capability uses. */
@Configuration(proxyBeanMethods = false)
class PlatformConfig {

    @Bean
    AvroSerdes avroSerdes(RiskstreamProperties properties) {
        RiskstreamProperties.Registry registry = properties.registry();
        if (registry.requireSubjects()) {
            // Before any serde exists, so before any stream starts.
            new RequiredSubjects(registry.url(), registry.client()).check(SchemaCatalog.load().subjects());
        }
        return new AvroSerdes(registry.url(), registry.autoRegister(), registry.client(), registry.framing());
    }

    @Bean
    InputLimits inputLimits(RiskstreamProperties properties, Clock clock) {
        RiskstreamProperties.Inputs inputs = properties.inputs();
        return new InputLimits(inputs.maxFutureSkew(), inputs.maxEventAge(), inputs.maxDeadLetterBytes(), clock);
    }

    /** Named in every input binding's {@code timestampExtractorBeanName}. */
    @Bean
    EventTimeExtractor eventTimeExtractor(InputLimits limits) {
        return new EventTimeExtractor(limits);
    }

    /**
     * Every stream replaces a thread that died instead of shutting down, reports its restorations
     * ({@link StateRestoration}) and its state as {@value StreamStates#METRIC} (the binder applies this to each
     * function's {@code StreamsBuilderFactoryBean} before it starts).
     */
    @Bean
    @Primary
    StreamsBuilderFactoryBeanConfigurer streamThreadRecovery(StreamThreadsHealth streamThreads,
                                                             StateRestoration restoration, MeterRegistry meters,
                                                             ObjectProvider<StreamsBuilderFactoryBeanConfigurer> all) {
        // The binder applies one configurer only, the unique or primary one; Spring Boot declares another (Kafka
        // Streams metrics), which this one applies too. And the binder sets its own handler (SHUTDOWN_CLIENT) on
        // every factory bean when it starts them, after the configurers: ours is set on the KafkaStreams itself,
        // by a customizer, which runs after that and before the streams start.
        return new StreamsBuilderFactoryBeanConfigurer() {
            @Override
            public void configure(StreamsBuilderFactoryBean factoryBean) {
                all.orderedStream().filter(other -> other != this).forEach(other -> other.configure(factoryBean));
                Object applicationId = factoryBean.getStreamsConfiguration().get(StreamsConfig.APPLICATION_ID_CONFIG);
                StreamThreadRecovery recovery = streamThreads.recoveryOf(String.valueOf(applicationId));
                StateRestoreListener restoring = restoration.listenerOf(String.valueOf(applicationId));
                StreamStates.register(meters, String.valueOf(applicationId), () -> {
                    KafkaStreams kafkaStreams = factoryBean.getKafkaStreams();
                    return kafkaStreams == null ? null : kafkaStreams.state();
                });
                factoryBean.setKafkaStreamsCustomizer(kafkaStreams -> {
                    kafkaStreams.setUncaughtExceptionHandler(recovery);
                    kafkaStreams.setGlobalStateRestoreListener(restoring);
                });
            }
        };
    }

    /** Health contributor {@code stateRestoration}. */
    @Bean
    StateRestoration stateRestoration(MeterRegistry meters) {
        return new StateRestoration(meters);
    }

    /** Health contributor {@code streamThreads}. */
    @Bean
    StreamThreadsHealth streamThreads(MeterRegistry meters, Clock clock) {
        return new StreamThreadsHealth(meters, clock);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
