package io.riskstream.platform;

import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Where a password may come from: as a hash ({@code {bcrypt}...}, any encoding Spring Security knows but
 * {@code {noop}}) from anywhere, or in plain text from the environment only. A plain password in a configuration
 * file ends up in version control and backups, and one on the command line in every process listing: the start
 * fails, naming the setting, rather than take it.
 */
final class PasswordSources {

    /** A Spring Security encoded password: {@code {id}encoded}. */
    private static final Pattern ENCODED = Pattern.compile("^\\{([a-zA-Z0-9_-]+)}.+", Pattern.DOTALL);

    private PasswordSources() {
    }

    /**
     * @throws IllegalStateException if {@code property} holds a plain password that does not come from the
     *                               environment
     */
    static void check(ConfigurableEnvironment environment, String property, String password) {
        var encoded = ENCODED.matcher(password);
        if (encoded.matches() && !"noop".equals(encoded.group(1))) {
            return;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource) {
                    return;
                }
                Object where = found.getOrigin() != null ? found.getOrigin()
                        : source.getUnderlyingSource() instanceof PropertySource<?> named ? named.getName() : source;
                throw new IllegalStateException(property + " is given in plain text by " + where
                        + ": give it in the environment (" + property.toUpperCase().replace('.', '_').replace('-', '_')
                        + ") or as a hash ({bcrypt}...; docs/security.md)");
            }
        }
    }
}
