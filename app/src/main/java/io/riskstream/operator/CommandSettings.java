package io.riskstream.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.KafkaClients;
import io.riskstream.zones.ZoneSettings;

/**
 * The settings an operator's command connects with: the app's own, by the same names and from the same places
 * (the jar's application.yml and the profiles of {@code spring.profiles.active}, then the environment, then
 * {@code --name=value} arguments), so a command runs with the configuration and secrets of the instance beside it.
 */
final class CommandSettings {

    private final Binder binder;

    private CommandSettings(Binder binder) {
        this.binder = binder;
    }

    /** The settings of {@code args} ({@code --name=value}) over this process's environment over the jar's files. */
    static CommandSettings of(List<String> args) {
        return of(args, System.getenv());
    }

    /** The settings of {@code args} over {@code variables} (as the environment) over the jar's files. */
    static CommandSettings of(List<String> args, Map<String, String> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.copyOf(variables)));
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args.toArray(String[]::new)));
        for (String profile : environment.getProperty("spring.profiles.active", "").split(",")) {
            if (!profile.isBlank()) {
                yaml("application-" + profile.trim() + ".yml").forEach(environment.getPropertySources()::addLast);
            }
        }
        yaml("application.yml").forEach(environment.getPropertySources()::addLast);
        return new CommandSettings(Binder.get(environment));
    }

    private static List<PropertySource<?>> yaml(String name) {
        ClassPathResource resource = new ClassPathResource(name);
        if (!resource.exists()) {
            throw new IllegalArgumentException("no " + name + " in the app: is the profile's name right?");
        }
        try {
            return new YamlPropertySourceLoader().load(name, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** Plain Kafka clients as the app's own connect: {@code spring.kafka.*} and the app's brokers. */
    KafkaClients kafka() {
        KafkaProperties kafka = binder.bind("spring.kafka", KafkaProperties.class).orElseGet(KafkaProperties::new);
        return new KafkaClients(kafka, binder.bind("riskstream.kafka.bootstrap-servers", String.class)
                .orElseGet(() -> String.join(",", kafka.getBootstrapServers())));
    }

    /** The registry as the app's serdes reach it: {@code riskstream.registry.url} and {@code .client.*}. */
    AvroSerdes registry() {
        return new AvroSerdes(registryUrl(), false, registryClient());
    }

    /** {@code riskstream.registry.url}: the registry's v2 API. */
    String registryUrl() {
        return binder.bind("riskstream.registry.url", String.class).orElseThrow(() ->
                new IllegalArgumentException("riskstream.registry.url is not set"));
    }

    /** {@code riskstream.registry.client.*}: Apicurio's client settings, authentication and TLS among them. */
    Map<String, String> registryClient() {
        return binder.bind("riskstream.registry.client", Bindable.mapOf(String.class, String.class))
                .orElseGet(Map::of);
    }

    /** {@code riskstream.zones.*}: what the zone keeper keeps; the zones' names are required. */
    ZoneSettings zones() {
        List<String> names = binder.bind("riskstream.zones.names", Bindable.listOf(String.class)).orElseThrow(() ->
                new IllegalArgumentException("riskstream.zones.names is not set: the zones, as the brokers' racks"));
        return new ZoneSettings(names,
                binder.bind("riskstream.zones.min-insync-replicas", Integer.class).orElse(3),
                binder.bind("riskstream.zones.degraded-min-insync-replicas", Integer.class).orElse(2),
                binder.bind("riskstream.zones.check-interval", Duration.class).orElse(Duration.ofSeconds(1)));
    }

    /** A user of the app's API, and the password it signs in with. */
    record Login(String user, String password) {
    }

    /**
     * The rules administrator, as the app knows it: {@code riskstream.security.rules-admin-username} and the password
     * in plain text ({@code RISKSTREAM_SECURITY_RULES_ADMIN_PASSWORD}); a hashed one cannot sign in.
     */
    Login rulesAdmin() {
        String password = binder.bind("riskstream.security.rules-admin-password", String.class).orElseThrow(() ->
                new IllegalArgumentException("no rules administrator's password: set "
                        + "RISKSTREAM_SECURITY_RULES_ADMIN_PASSWORD (plain text) in the command's environment"));
        if (password.startsWith("{")) {
            throw new IllegalArgumentException("the rules administrator's password here is a hash ("
                    + password.substring(0, password.indexOf('}') + 1)
                    + "...): the command signs in with the plain one");
        }
        return new Login(binder.bind("riskstream.security.rules-admin-username", String.class).orElse("admin"),
                password);
    }

    /** {@code riskstream.topics.replication-factor}: of the topics a command creates. */
    short replicationFactor() {
        return binder.bind("riskstream.topics.replication-factor", Integer.class).orElse(1).shortValue();
    }
}
