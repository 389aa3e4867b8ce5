package io.riskstream.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class StallWatchTest {

    private final StallWatch watch = new StallWatch(0, Duration.ofSeconds(300), Duration.ofSeconds(120));

    @Test
    void aSlowStartIsNotAStallUntilTheFirstTimeout() {
        assertThat(watch.stalled(0, 200_000)).isFalse();
        assertThat(watch.stalled(0, 300_001)).isTrue();
    }

    @Test
    void onceMovingItStallsWhenNothingMovesForTheStallTimeout() {
        assertThat(watch.stalled(10, 100_000)).isFalse();
        assertThat(watch.stalled(10, 220_000)).isFalse();
        assertThat(watch.stalled(10, 220_001)).isTrue();
        assertThat(watch.lastChange()).isEqualTo(100_000);
    }

    @Test
    void progressRestartsTheStallClock() {
        watch.stalled(10, 100_000);
        watch.stalled(11, 200_000);

        assertThat(watch.stalled(11, 300_000)).isFalse();
    }

    @Test
    void reportsAtMostEveryFiveSeconds() {
        assertThat(watch.report(10_000)).isTrue();
        assertThat(watch.report(14_999)).isFalse();
        assertThat(watch.report(15_000)).isTrue();
    }
}
