package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The topic catalog is the one description of which stream reads and writes which topic. */
class StreamBindingsTest {

    static final List<String> PROFILES = List.of("local", "production");
    static final Path OPERATIONS = Path.of("..", "docs", "operations.md");

    @ParameterizedTest
    @ValueSource(strings = {"", "local", "production"})
    void everyProfileBindsEveryStreamToTheTopicsOfTheCatalog(String profile) throws IOException {
        StandardEnvironment environment = configuration(profile);
        new StreamBindings().postProcessEnvironment(environment, new SpringApplication());

        // Bound the way the binder binds them, relaxed names included.
        Map<String, BindingProperties> bindings = Binder.get(environment)
                .bind("spring.cloud.stream.bindings", Bindable.mapOf(String.class, BindingProperties.class))
                .get();
        for (Stream stream : Streams.ALL) {
            assertThat(bindings.get(stream.inputBinding()).getDestination()).isEqualTo(stream.input().name());
            assertThat(bindings.get(stream.outputBinding()).getDestination()).isEqualTo(stream.output().name());
            String function = "spring.cloud.stream.kafka.streams.binder.functions." + stream.function();
            assertThat(environment.getProperty(function + ".application-id")).isEqualTo(stream.applicationId());
            assertThat(environment.getProperty(function + ".configuration.riskstream.dead-letter-topic"))
                    .isEqualTo(stream.deadLetters());
        }
        assertThat(environment.getProperty(StreamBindings.FUNCTIONS).split(";"))
                .containsExactlyElementsOf(Streams.ALL.stream().map(Stream::function).toList());
    }

    @Test
    void aSettingThatBindsAStreamToAnotherTopicFailsTheStartNamingIt() throws IOException {
        StandardEnvironment environment = configuration("");
        environment.getPropertySources().addFirst(new MapPropertySource("operator",
                Map.of("spring.cloud.stream.bindings.scoreTransactions-in-0.destination", "payments")));

        assertThatIllegalStateException()
                .isThrownBy(() -> new StreamBindings().postProcessEnvironment(environment, new SpringApplication()))
                .withMessageContaining("spring.cloud.stream.bindings.scoreTransactions-in-0.destination")
                .withMessageContaining("'payments'").withMessageContaining("'transactions'");
    }

    @Test
    void anOperatorMayStillChooseWhichStreamsRun() throws IOException {
        StandardEnvironment environment = configuration("");
        environment.getPropertySources().addFirst(new MapPropertySource("operator",
                Map.of(StreamBindings.FUNCTIONS, Streams.SCORE_TRANSACTIONS.function())));

        new StreamBindings().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(StreamBindings.FUNCTIONS)).isEqualTo("scoreTransactions");
    }

    @Test
    void noConfigurationFileNamesATopicOfTheCatalog() throws IOException {
        for (String file : java.util.stream.Stream.concat(java.util.stream.Stream.of("application.yml"),
                PROFILES.stream().map(profile -> "application-" + profile + ".yml")).toList()) {
            String text = new String(new ClassPathResource(file).getInputStream().readAllBytes());
            for (Topic<?> topic : Topics.ALL) {
                assertThat(text).as(file).doesNotContainPattern(":\\s+" + topic.name() + "(\\.dlq)?\\s*$");
            }
        }
    }

    @Test
    void theOperationsGuideListsEveryStreamWithTheTopicsItReadsAndWrites() throws IOException {
        String guide = Files.readString(OPERATIONS);
        for (Stream stream : Streams.ALL) {
            String row = guide.lines().filter(line -> line.startsWith("| `" + stream.function() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError(stream.function() + " has no row in " + OPERATIONS));
            assertThat(row).contains("`" + stream.applicationId() + "`", "`" + stream.input().name() + "`",
                    "`" + stream.output().name() + "`");
            stream.sideOutputs().forEach(side -> assertThat(row).contains("`" + side.name() + "`"));
        }
    }

    private static StandardEnvironment configuration(String profile) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        for (String file : files(profile)) {
            for (PropertySource<?> source : loader.load(file, new ClassPathResource(file))) {
                environment.getPropertySources().addFirst(source);
            }
        }
        return environment;
    }

    /** application.yml, then the profile's file, each overriding the one before it. */
    private static List<String> files(String profile) {
        return profile.isEmpty() ? List.of("application.yml") : List.of("application.yml", "application-" + profile + ".yml");
    }
}
