package io.riskstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AppJvmOptionsTest {

    @Test
    void onTwoCoresOrFewerTheAppRunsTheSerialCollector() {
        assertThat(LocalStack.appJvmOptions(List.of(), 2)).containsExactly("-XX:+UseSerialGC");
        assertThat(LocalStack.appJvmOptions(List.of("-Xmx2g"), 1)).containsExactly("-XX:+UseSerialGC", "-Xmx2g");
    }

    @Test
    void onMoreCoresTheJvmChooses() {
        assertThat(LocalStack.appJvmOptions(List.of(), 4)).isEmpty();
        assertThat(LocalStack.appJvmOptions(List.of("-Xmx2g"), 4)).containsExactly("-Xmx2g");
    }

    @Test
    void aCollectorTheCallerChoosesIsLeftAlone() {
        assertThat(LocalStack.appJvmOptions(List.of("-XX:+UseG1GC"), 2)).containsExactly("-XX:+UseG1GC");
        assertThat(LocalStack.appJvmOptions(List.of("-XX:+UseParallelGC", "-Xmx1g"), 2))
                .containsExactly("-XX:+UseParallelGC", "-Xmx1g");
    }
}
