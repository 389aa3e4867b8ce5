package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordSourcesTest {

    private static final String PROPERTY = "riskstream.security.rules-admin-password";
    private static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("secret");

    @Test
    void aPlainPasswordIsTakenFromTheEnvironmentOnly() {
        assertThatCode(() -> check(new SystemEnvironmentPropertySource("systemEnvironment",
                Map.of("RISKSTREAM_SECURITY_RULES_ADMIN_PASSWORD", "secret")), "secret")).doesNotThrowAnyException();

        assertThatIllegalStateException().isThrownBy(() -> check(new MapPropertySource(
                        "Config resource 'file [config/application.yml]'", Map.of(PROPERTY, "secret")), "secret"))
                .withMessageContaining(PROPERTY).withMessageContaining("config/application.yml")
                .withMessageContaining("RISKSTREAM_SECURITY_RULES_ADMIN_PASSWORD");
        assertThatIllegalStateException().isThrownBy(() -> check(new SimpleCommandLinePropertySource(
                "--" + PROPERTY + "=secret"), "secret")).withMessageContaining("commandLineArgs");
    }

    @Test
    void aHashIsTakenFromAnywhereButNoopIsPlainText() {
        assertThatCode(() -> check(new MapPropertySource("Config resource 'file [application.yml]'",
                Map.of(PROPERTY, HASH)), HASH)).doesNotThrowAnyException();
        assertThatCode(() -> check(new SimpleCommandLinePropertySource("--" + PROPERTY + "=" + HASH), HASH))
                .doesNotThrowAnyException();

        assertThatIllegalStateException().isThrownBy(() -> check(new MapPropertySource("application.yml",
                Map.of(PROPERTY, "{noop}secret")), "{noop}secret"));
    }

    private static void check(PropertySource<?> source, String password) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().forEach(existing -> environment.getPropertySources().remove(existing.getName()));
        environment.getPropertySources().addFirst(source);
        PasswordSources.check(environment, PROPERTY, password);
    }
}
