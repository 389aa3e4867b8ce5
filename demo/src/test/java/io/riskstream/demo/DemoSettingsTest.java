package io.riskstream.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    private static final String PREFIX = "--demo-";

    @Test
    void withoutArgumentsTheLocalRunsRates() {
        assertThat(DemoSettings.parse(PREFIX, List.of()))
                .isEqualTo(new DemoSettings(20, 5, 40, Duration.ofMillis(200)))
                .isEqualTo(DemoSettings.DEFAULTS);
    }

    @Test
    void eachSettingChangesOnlyItself() {
        assertThat(DemoSettings.parse(PREFIX,
                List.of("--demo-transactions-per-second=100", "--demo-site-events-per-second=0")))
                .isEqualTo(new DemoSettings(100, 5, 0, Duration.ofMillis(200)));
        assertThat(DemoSettings.parse(PREFIX, List.of("--demo-logins-per-second=1", "--demo-tick=1s")))
                .isEqualTo(new DemoSettings(20, 1, 40, Duration.ofSeconds(1)));
    }

    @Test
    void ticksReadAsTheAppsSettingsDidOrAsIso() {
        assertThat(tick("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(tick("PT0.25S")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void refusesUnknownNamesMissingValuesAndBadNumbers() {
        assertThatThrownBy(() -> DemoSettings.parse(PREFIX, List.of("--demo-transactions=5")))
                .hasMessageContaining("unknown demo setting '--demo-transactions=5'")
                .hasMessageContaining("--demo-transactions-per-second");
        assertThatThrownBy(() -> DemoSettings.parse(PREFIX, List.of("--demo-tick")))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> DemoSettings.parse(PREFIX, List.of("--demo-logins-per-second=many")))
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> DemoSettings.parse(PREFIX, List.of("--demo-logins-per-second=-1")))
                .hasMessageContaining("0 or more");
        assertThatThrownBy(() -> tick("0ms")).hasMessageContaining("positive");
        assertThatThrownBy(() -> tick("soon")).hasMessageContaining("duration");
    }

    private static Duration tick(String value) {
        return DemoSettings.parse(PREFIX, List.of("--demo-tick=" + value)).tick();
    }
}
