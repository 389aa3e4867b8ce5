package io.riskstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    @Test
    void startsTheBuiltAppJarByDefault() {
        LocalStackOptions options = LocalStackOptions.parse();

        assertThat(options.appJar()).isEqualTo(Path.of("app/target/riskstream.jar"));
        assertThat(options.startApp()).isTrue();
        assertThat(options.appArgs()).isEmpty();
    }

    @Test
    void passesUnknownArgumentsToTheApp() {
        LocalStackOptions options = LocalStackOptions.parse("--app-jar", "other.jar", "--debug", "--x=1");

        assertThat(options.appJar()).isEqualTo(Path.of("other.jar"));
        assertThat(options.appArgs()).containsExactly("--debug", "--x=1");
    }

    @Test
    void acceptsAppJarWithEqualsAndInfrastructureOnly() {
        LocalStackOptions options = LocalStackOptions.parse("--app-jar=a.jar", "--no-app");

        assertThat(options.appJar()).isEqualTo(Path.of("a.jar"));
        assertThat(options.startApp()).isFalse();
    }

    @Test
    void refusesAppJarWithoutPath() {
        assertThatThrownBy(() -> LocalStackOptions.parse("--app-jar")).hasMessageContaining("needs a path");
    }
}
