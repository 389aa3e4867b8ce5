package io.riskstream.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code riskstream.security.*}: who may publish rules and run dry runs. There is no default password: with
 * no password configured there is no rules administrator, and rule publishing over HTTP is refused.
 *
 * @param rulesAdminUsername the rules administrator's user name
 * @param rulesAdminPassword the password, plain or with a Spring Security id prefix such as {@code {bcrypt}};
 *                           from the environment ({@code RISKSTREAM_SECURITY_RULES_ADMIN_PASSWORD}) in production
 */
@ConfigurationProperties("riskstream.security")
public record SecuritySettings(
        @DefaultValue("admin") String rulesAdminUsername,
        String rulesAdminPassword) {

    public boolean hasRulesAdmin() {
        return rulesAdminPassword != null && !rulesAdminPassword.isBlank();
    }
}
