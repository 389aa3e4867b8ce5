package io.riskstream.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
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
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The dashboard and its JSON are open (ids masked), and so are the bare health status and the liveness and
 * readiness probes. Every other actuator endpoint (health details, metrics, the active rulesets) needs the
 * {@value #OPERATOR} role or the administrator's. Changing rules
 * ({@code POST /actuator/rules}, any other actuator write) and dry runs ({@code /api/rules/**}) need a user
 * with the {@value #RULES_ADMIN} role, over HTTP Basic, and no write comes from a page of another site
 * ({@link CrossSiteWrites}). DRL can run arbitrary Java: see docs/rules.md.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String RULES_ADMIN = "RULES_ADMIN";
    static final String OPERATOR = "OPERATOR";
    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        // What an orchestrator and a load balancer ask, and the bare status (no details unless
                        // authorized: management.endpoint.health.show-details).
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                                "/actuator/health/readiness").permitAll()
                        .requestMatchers("/api/rules/**").hasRole(RULES_ADMIN)
                        .requestMatchers(HttpMethod.GET, "/actuator", "/actuator/**").hasAnyRole(OPERATOR, RULES_ADMIN)
                        .requestMatchers("/actuator", "/actuator/**").hasRole(RULES_ADMIN)
                        .anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                // Stateless Basic authentication, no cookies, so no CSRF token; but a browser re-sends cached Basic
                // credentials with a request another site's page makes: CrossSiteWrites refuses those writes.
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new CrossSiteWrites(), BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(SecuritySettings settings, PasswordEncoder encoder, ConfigurableEnvironment environment) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (settings.hasRulesAdmin()) {
            PasswordSources.check(environment, "riskstream.security.rules-admin-password", settings.rulesAdminPassword());
            // The administrator reads what operators read, too.
            users.createUser(user(settings.rulesAdminUsername(), settings.rulesAdminPassword(), encoder,
                    RULES_ADMIN, OPERATOR));
        } else {
            LOG.warn("No rules administrator configured (riskstream.security.rules-admin-password): "
                    + "publishing rules over HTTP is refused");
        }
        if (settings.hasOperator()) {
            PasswordSources.check(environment, "riskstream.security.operator-password", settings.operatorPassword());
            users.createUser(user(settings.operatorUsername(), settings.operatorPassword(), encoder, OPERATOR));
        } else {
            LOG.warn("No operator configured (riskstream.security.operator-password): health details, metrics and "
                    + "the other actuator endpoints answer the rules administrator only");
        }
        return users;
    }

    private static UserDetails user(String name, String password, PasswordEncoder encoder, String... roles) {
        return User.withUsername(name).password(password.startsWith("{") ? password : encoder.encode(password))
                .roles(roles).build();
    }
}
