package io.riskstream.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AppProcessTest {

    @Test
    void eachStartNamesItsOwnFilesInTheJvmArguments() {
        List<String> command = AppProcess.command("java",
                List.of("-XX:StartFlightRecording=filename=/tmp/{start}.jfr", "-Xmx2g"), List.of("-jar", "app.jar"),
                "app-2");

        assertThat(command).containsExactly("java", "-XX:StartFlightRecording=filename=/tmp/app-2.jfr", "-Xmx2g",
                "-jar", "app.jar");
    }
}
