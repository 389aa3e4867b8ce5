package io.riskstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.riskstream.demo.DemoSettings;

class LocalStackOptionsTest {

    @Test
    void startsTheBuiltAppJarByDefault() {
        LocalStackOptions options = LocalStackOptions.parse();

        assertThat(options.appJar()).isEqualTo(Path.of("app/target/riskstream.jar"));
        assertThat(options.startApp()).isTrue();
        assertThat(options.sendDemo()).isTrue();
        assertThat(options.demo()).isEqualTo(DemoSettings.DEFAULTS);
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
        assertThat(options.sendDemo()).isFalse();
    }

    @Test
    void demoTrafficIsAskedForWithoutTheAppAndTurnedOffWithIt() {
        assertThat(LocalStackOptions.parse("--no-app", "--demo").sendDemo()).isTrue();
        assertThat(LocalStackOptions.parse("--no-demo").sendDemo()).isFalse();
        assertThat(LocalStackOptions.parse("--no-demo").startApp()).isTrue();
    }

    @Test
    void demoSettingsGoToTheDemoNotToTheApp() {
        LocalStackOptions options = LocalStackOptions.parse("--demo-transactions-per-second=100", "--demo-tick=1s",
                "--debug");

        assertThat(options.demo()).isEqualTo(new DemoSettings(100, 5, 40, Duration.ofSeconds(1)));
        assertThat(options.appArgs()).containsExactly("--debug");
    }

    @Test
    void refusesAnUnknownDemoSettingBeforeStartingAnything() {
        assertThatThrownBy(() -> LocalStackOptions.parse("--demo-rate=5"))
                .hasMessageContaining("unknown demo setting '--demo-rate=5'");
    }

    @Test
    void refusesAppJarWithoutPath() {
        assertThatThrownBy(() -> LocalStackOptions.parse("--app-jar")).hasMessageContaining("needs a path");
    }
}
