package io.riskstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.RiskstreamProperties;

/** Demo traffic is there only when switched on, and then runs with the app. No broker needed: it sends nothing. */
class DemoTrafficWiringTest {

    private static final String REGISTRY = "http://localhost:1/apis/registry/v2";

    @EnableConfigurationProperties(RiskstreamProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, DemoTraffic.class)
            .withBean(AvroSerdes.class, () -> new AvroSerdes(REGISTRY, false))
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("riskstream.kafka.bootstrap-servers=localhost:1", "riskstream.registry.url=" + REGISTRY,
                    "riskstream.demo.transactions-per-second=0", "riskstream.demo.logins-per-second=0",
                    "riskstream.demo.site-events-per-second=0");

    @Test
    void isOffUnlessEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DemoTraffic.class));
    }

    @Test
    void startsWithTheAppWhenEnabled() {
        runner.withPropertyValues("riskstream.demo.enabled=true").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DemoTraffic.class);
            assertThat(context.getBean(DemoTraffic.class).isRunning()).isTrue();
        });
    }
}
