package io.riskstream.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.riskstream.devstack.LocalStack;

class AppProcessTest {

    @Test
    void eachStartNamesItsOwnFilesInTheJvmArguments() {
        List<String> command = AppProcess.command("java",
                List.of("-XX:StartFlightRecording=filename=/tmp/{start}.jfr", "-Xmx2g"), List.of("-jar", "app.jar"),
                "app-2");

        List<String> expected = new ArrayList<>(List.of("java"));
        expected.addAll(
                LocalStack.appJvmOptions(List.of("-XX:StartFlightRecording=filename=/tmp/app-2.jfr", "-Xmx2g")));
        expected.addAll(List.of("-jar", "app.jar"));
        assertThat(command).containsExactlyElementsOf(expected);
    }

    @Test
    void aCollectorChosenOnTheCommandLineIsTheOnlyOne() {
        List<String> command = AppProcess.command("java", List.of("-XX:+UseG1GC"), List.of("-jar", "app.jar"), "app");

        assertThat(command).containsExactly("java", "-XX:+UseG1GC", "-jar", "app.jar");
    }
}
