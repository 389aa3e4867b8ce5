package io.riskstream.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code riskstream.security.*}: who may publish rules and run dry runs, and who may read the operators' endpoints
 * (health details, metrics, the active rulesets). There are no default passwords: with no password configured
 * there is no such user, and what needs one is refused.
 *
 * @param rulesAdminUsername the rules administrator's user name
 * @param rulesAdminPassword the password, plain or with a Spring Security id prefix such as {@code {bcrypt}};
 *                           from the environment ({@code RISKSTREAM_SECURITY_RULES_ADMIN_PASSWORD}) in production
 * @param operatorUsername the operator's user name: reads every actuator endpoint (Prometheus scrapes as it)
 * @param operatorPassword the operator's password, as the administrator's
 *                         ({@code RISKSTREAM_SECURITY_OPERATOR_PASSWORD})
 */
@ConfigurationProperties("riskstream.security")
public record SecuritySettings(
        @DefaultValue("admin") String rulesAdminUsername,
        String rulesAdminPassword,
        @DefaultValue("operator") String operatorUsername,
        String operatorPassword) {

    public boolean hasRulesAdmin() {
        return rulesAdminPassword != null && !rulesAdminPassword.isBlank();
    }

    public boolean hasOperator() {
        return operatorPassword != null && !operatorPassword.isBlank();
    }
}
