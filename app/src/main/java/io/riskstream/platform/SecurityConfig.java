package io.riskstream.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Reading is open: the dashboard, its JSON, health, info, metrics and the active rulesets. Changing rules
 * ({@code POST /actuator/rules}, any other actuator write) and dry runs ({@code /api/rules/**}) need a user
 * with the {@value #RULES_ADMIN} role, over HTTP Basic. DRL can run arbitrary Java: see docs/rules.md.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String RULES_ADMIN = "RULES_ADMIN";
    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/rules/**").hasRole(RULES_ADMIN)
                        .requestMatchers(HttpMethod.POST, "/actuator/**").hasRole(RULES_ADMIN)
                        .requestMatchers(HttpMethod.PUT, "/actuator/**").hasRole(RULES_ADMIN)
                        .requestMatchers(HttpMethod.DELETE, "/actuator/**").hasRole(RULES_ADMIN)
                        .anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                // Stateless Basic authentication, no cookies: nothing for a cross-site request to ride on.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService rulesAdministrators(SecuritySettings settings, PasswordEncoder encoder) {
        if (!settings.hasRulesAdmin()) {
            LOG.warn("No rules administrator configured (riskstream.security.rules-admin-password): "
                    + "publishing rules over HTTP is refused");
            return new InMemoryUserDetailsManager();
        }
        String password = settings.rulesAdminPassword();
        UserDetails admin = User.withUsername(settings.rulesAdminUsername())
                .password(password.startsWith("{") ? password : encoder.encode(password))
                .roles(RULES_ADMIN)
                .build();
        return new InMemoryUserDetailsManager(admin);
    }
}
