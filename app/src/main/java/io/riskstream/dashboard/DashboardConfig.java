package io.riskstream.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.KafkaClients;
import io.riskstream.platform.RiskstreamProperties;

/** The dashboard's holders, and the feed that fills them unless {@code riskstream.dashboard.enabled} is false. */
@Configuration(proxyBeanMethods = false)
class DashboardConfig {

    @Bean
    LatestTopPages latestTopPages(DashboardSettings settings, Clock clock) {
        return new LatestTopPages(clock, settings.staleAfter());
    }

    @Bean
    RecentAlerts recentAlerts(DashboardSettings settings) {
        return new RecentAlerts(settings.recentAlerts(), settings.showFullIds());
    }

    @Bean
    DecisionRates decisionRates(DashboardSettings settings, Clock clock) {
        return new DecisionRates(clock, settings.rateWindow());
    }

    @Bean
    ShadowAgreement shadowAgreement(DashboardSettings settings, Clock clock) {
        return new ShadowAgreement(clock, settings.rateWindow(), Duration.ofMinutes(1), 100_000);
    }

    @Bean
    @ConditionalOnProperty(prefix = "riskstream.dashboard", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    DashboardFeed dashboardFeed(RiskstreamProperties properties, KafkaClients clients, AvroSerdes serdes,
                                DashboardSettings settings,
                                LatestTopPages topPages, RecentAlerts alerts, DecisionRates rates,
                                ShadowAgreement shadow, Clock clock, MeterRegistry meters) {
        Map<String, Object> config = clients.consumer();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "riskstream-dashboard-" + properties.zone());
        // Fetch from a replica in this instance's own zone.
        config.put(ConsumerConfig.CLIENT_RACK_CONFIG, properties.zone());
        return new DashboardFeed(config, serdes, settings, topPages, alerts, rates, shadow, clock, meters);
    }
}
