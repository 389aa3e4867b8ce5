package io.riskstream.logins;

import java.time.Clock;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.MultiCountryAlert;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.Topics;
import io.riskstream.rules.engine.DeclaredRuleSet;
import io.riskstream.rules.engine.FiredRules;
import io.riskstream.rules.lifecycle.ActiveRuleSets;

/** The login stream: {@code detectMultiCountryLogins}, bound to {@code logins} → {@code login-alerts}. */
@Configuration(proxyBeanMethods = false)
class LoginsConfig {

    @Bean
    DeclaredRuleSet<FiredRules> loginsRuleSet() {
        return RulesAlertPolicy.ruleSet();
    }

    @Bean
    Serde<Decoded<LoginEvent>> loginInputSerde(AvroSerdes serdes) {
        return serdes.decoding(Topics.LOGINS);
    }

    @Bean
    Serde<MultiCountryAlert> multiCountryAlertSerde(AvroSerdes serdes) {
        return serdes.of(Topics.LOGIN_ALERTS);
    }

    @Bean
    Function<KStream<String, Decoded<LoginEvent>>, KStream<String, MultiCountryAlert>> detectMultiCountryLogins(
            LoginSettings settings, ActiveRuleSets rules, Serde<MultiCountryAlert> alertSerde, AvroSerdes serdes,
            InputLimits limits, Clock clock, MeterRegistry meters) {
        AlertPolicy policy = new RulesAlertPolicy(rules, meters);
        return logins -> LoginTopology.build(logins, settings, policy, alertSerde, serdes.of(Topics.LATE_LOGINS),
                limits, clock, meters);
    }
}
