package io.riskstream.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void defaultsAreTheIssuesRunOnTheAppsShippedPartitions() {
        LoadOptions options = LoadOptions.parse();

        assertThat(options.transactions()).isEqualTo(200_000);
        assertThat(options.cards()).isEqualTo(50_000);
        assertThat(options.partitions()).isEqualTo(6);
        assertThat(options.steadyRate()).isEqualTo(2_000);
        assertThat(options.steadySeconds()).isEqualTo(60);
        assertThat(options.copy()).isTrue();
        assertThat(options.steady()).isTrue();
        assertThat(options.streams()).isFalse();
    }

    @Test
    void valuesComeSpacedOrAfterAnEqualsSign() {
        LoadOptions options = LoadOptions.parse("--transactions", "20000", "--cards=1_000_000", "--partitions=3");

        assertThat(options.transactions()).isEqualTo(20_000);
        assertThat(options.cards()).isEqualTo(1_000_000);
        assertThat(options.partitions()).isEqualTo(3);
    }

    @Test
    void appArgumentsRepeatAndKeepTheirOwnEqualsSigns() {
        LoadOptions options = LoadOptions.parse(
                "--app-arg=--spring.cloud.stream.kafka.streams.binder.configuration.num.stream.threads=2",
                "--app-arg", "--debug", "--app-jvm-arg=-XX:StartFlightRecording=filename=a.jfr");

        assertThat(options.appArgs()).containsExactly(
                "--spring.cloud.stream.kafka.streams.binder.configuration.num.stream.threads=2", "--debug");
        assertThat(options.appJvmArgs()).containsExactly("-XX:StartFlightRecording=filename=a.jfr");
    }

    @Test
    void flagsTurnStepsOnAndOff() {
        LoadOptions options = LoadOptions.parse("--skip-copy", "--skip-steady", "--streams");

        assertThat(options.copy()).isFalse();
        assertThat(options.steady()).isFalse();
        assertThat(options.streams()).isTrue();
    }

    @Test
    void refusesUnknownArgumentsMissingValuesAndNonPositiveNumbers() {
        assertThatThrownBy(() -> LoadOptions.parse("--transaction=5")).hasMessageContaining("unknown argument");
        assertThatThrownBy(() -> LoadOptions.parse("--cards")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LoadOptions.parse("--cards=many")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> LoadOptions.parse("--partitions=0")).hasMessageContaining("must be positive");
    }
}
