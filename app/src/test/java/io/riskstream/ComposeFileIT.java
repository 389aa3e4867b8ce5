package io.riskstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.riskstream.operator.OperatorCommands;

/**
 * docker-compose.yml as Compose resolves it ({@code docker-compose config}: Debian's docker-compose, which
 * {@code .ci/run} installs), and everything it hands a container exists: the files it mounts, the files the app
 * image copies (after the package phase, so the jar is there), the commands it runs the app jar with, and the
 * settings it gives the app by environment variable. No Docker engine runs here: this is what can be checked
 * without one.
 */
class ComposeFileIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Files a deployment provides, not the repository: its secrets. */
    private static final Set<String> PROVIDED_BY_THE_DEPLOYMENT = Set.of(".secrets/riskstream-operator-password");
    /** A setting's name in backticks; a map's ends in a placeholder ({@code trusted-keys.<key id>}). */
    private static final Pattern SETTING = Pattern.compile("`((?:riskstream|spring)\\.[a-z0-9.-]+(?:<[^>`]+>)?)`");
    /** {@code / `name`}, {@code + `name`} or {@code (or `name`}: another setting beside the first, same parent. */
    private static final Pattern SIBLING = Pattern.compile("\\s*(?:[/+]|\\(or)\\s*`([a-z0-9-]+)`");

    private static Map<String, Object> compose;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void resolveTheComposeFileAsComposeDoes() throws Exception {
        if (System.getenv("RISKSTREAM_REQUIRE_COMPOSE") == null) {
            assumeTrue(new ProcessBuilder("sh", "-c", "command -v docker-compose").start().waitFor() == 0,
                    "docker-compose is not installed (apt-get install docker-compose): the compose file is not checked");
        }
        Process config = new ProcessBuilder("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(),
                "config").directory(ROOT.toFile()).redirectErrorStream(false).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        config.getInputStream().transferTo(out);
        String errors = new String(config.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue()).as("docker-compose config: " + errors).isZero();
        compose = new Yaml().load(out.toString(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFileTheComposeFileMountsExists() {
        List<String> missing = new ArrayList<>();
        services().forEach((name, service) -> {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("/") && !Files.exists(Path.of(source))) {
                    missing.add(name + ": " + source);
                }
            }
        });
        ((Map<String, Map<String, String>>) compose.getOrDefault("secrets", Map.of())).forEach((name, secret) -> {
            String file = ROOT.relativize(Path.of(secret.get("file")).toAbsolutePath().normalize()).toString();
            assertThat(PROVIDED_BY_THE_DEPLOYMENT).as("secret " + name + " (" + file + ")").contains(file);
        });
        assertThat(missing).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFileTheAppImageCopiesExists() throws IOException {
        Set<Path> dockerfiles = new LinkedHashSet<>();
        services().values().stream().map(service -> (Map<String, String>) service.get("build"))
                .filter(build -> build != null)
                .forEach(build -> dockerfiles.add(Path.of(build.get("context")).resolve(build.get("dockerfile"))));
        assertThat(dockerfiles).isNotEmpty();
        for (Path dockerfile : dockerfiles) {
            for (String line : Files.readAllLines(dockerfile)) {
                if (line.startsWith("COPY ")) {
                    String[] parts = line.trim().split("\\s+");
                    for (int i = 1; i < parts.length - 1; i++) {
                        assertThat(ROOT.resolve(parts[i])).as(dockerfile + ": " + line).exists();
                    }
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCommandGivenTheAppImageIsACommandOfItsJar() {
        List<String> checked = new ArrayList<>();
        services().forEach((name, service) -> {
            if (service.get("build") == null || service.get("command") == null) {
                return;
            }
            List<String> command = new ArrayList<>((List<String>) service.get("command"));
            assertThat(OperatorCommands.isCommand(command.toArray(String[]::new))).as(name + ": " + command).isTrue();
            // Against a registry and brokers that are not there: the command must fail reaching them (1), not on its
            // arguments or settings (2). The keeper, which runs until stopped, is asked for one look.
            command.replaceAll(arg -> arg.startsWith("--riskstream.registry.url=")
                    ? "--riskstream.registry.url=http://127.0.0.1:9/apis/registry/v2" : arg);
            if (command.equals(List.of("zones", "keep"))) {
                command.add("--once");
            }
            Map<String, String> environment = new HashMap<>();
            ((Map<String, Object>) service.getOrDefault("environment", Map.of())).forEach((variable, value) ->
                    environment.put(variable, String.valueOf(value)));
            environment.replaceAll((variable, value) -> variable.equals("RISKSTREAM_KAFKA_BOOTSTRAPSERVERS")
                    ? "127.0.0.1:9" : value);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = OperatorCommands.run(command.toArray(String[]::new), environment,
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(exit).as(name + ": " + err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
            checked.add(name);
        });
        assertThat(checked).contains("registry-rules", "zone-keeper-a", "zone-keeper-b");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySettingGivenTheAppByEnvironmentIsADocumentedOne() throws IOException {
        Set<String> documented = documentedSettings();
        List<String> unknown = new ArrayList<>();
        services().forEach((name, service) -> {
            if (service.get("build") == null) {
                return;
            }
            Map<String, Object> environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
            for (String variable : environment.keySet()) {
                if (variable.startsWith("RISKSTREAM_") && documented.stream().noneMatch(setting -> binds(variable,
                        setting))) {
                    unknown.add(name + ": " + variable);
                }
            }
        });
        assertThat(unknown).as("variables that bind to no setting of docs/operations.md").isEmpty();
    }

    @Test
    void aVariableBindsOnlyToTheSettingItSpells() {
        assertThat(binds("RISKSTREAM_KAFKA_BOOTSTRAPSERVERS", "riskstream.kafka.bootstrap-servers")).isTrue();
        assertThat(binds("RISKSTREAM_KAFKA_BOOTSTRAP_SERVERS", "riskstream.kafka.bootstrap-servers")).isTrue();
        assertThat(binds("RISKSTREAM_KAFKA_BOOTSTRAP_SERVER", "riskstream.kafka.bootstrap-servers")).isFalse();
        assertThat(binds("RISKSTREAM_RULES_SIGNING_TRUSTEDKEYS_PROD", "riskstream.rules.signing.trusted-keys.<id>"))
                .isTrue();
        assertThat(binds("RISKSTREAM_RULES_SIGNING_TRUSTEDKEYS", "riskstream.rules.signing.trusted-keys.<id>"))
                .isFalse();
    }

    /**
     * Whether Spring Boot binds {@code variable} to {@code setting}: dots become underscores, dashes go (or, the
     * legacy form, become underscores too), upper case; a setting ending in {@code <...>} is a map, any key.
     */
    static boolean binds(String variable, String setting) {
        boolean map = setting.endsWith(">");
        String name = map ? setting.substring(0, setting.lastIndexOf('.')) : setting;
        String canonical = name.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
        String legacy = name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        if (map) {
            return variable.startsWith(canonical + "_") || variable.startsWith(legacy + "_");
        }
        return variable.equals(canonical) || variable.equals(legacy);
    }

    /**
     * The settings of the configuration table of docs/operations.md, {@code a.b.c / d} read as a.b.c and a.b.d.
     */
    static Set<String> documentedSettings() throws IOException {
        Set<String> settings = new LinkedHashSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/operations.md"))) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String first = line.substring(2, line.indexOf('|', 2));
            Matcher setting = SETTING.matcher(first);
            if (!setting.find()) {
                continue;
            }
            String name = setting.group(1);
            settings.add(name);
            String parent = name.substring(0, name.lastIndexOf('.') + 1);
            Matcher sibling = SIBLING.matcher(first.substring(setting.end()));
            while (sibling.lookingAt()) {
                settings.add(parent + sibling.group(1));
                sibling.region(sibling.end(), sibling.regionEnd());
            }
        }
        return settings;
    }
}
