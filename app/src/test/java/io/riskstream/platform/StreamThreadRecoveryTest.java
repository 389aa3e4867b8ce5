package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class StreamThreadRecoveryTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Duration> waits = new ArrayList<>();
    private Instant now = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void deadThreadIsReplacedAfterAGrowingPauseAndCounted() {
        StreamThreadRecovery recovery = recovery();

        for (int i = 0; i < 8; i++) {
            assertThat(recovery.handle(new IllegalStateException("registry away")))
                    .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            now = now.plusSeconds(1);
        }

        assertThat(waits).startsWith(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(waits).last().isEqualTo(StreamThreadRecovery.MAX_BACKOFF);
        assertThat(meters.counter(StreamThreadRecovery.METRIC, "stream", "riskstream-fraud").count()).isEqualTo(8);
    }

    @Test
    void failureAfterACalmPeriodStartsAgainWithTheShortestPause() {
        StreamThreadRecovery recovery = recovery();
        recovery.handle(new IllegalStateException("1"));
        recovery.handle(new IllegalStateException("2"));
        now = now.plus(StreamThreadRecovery.CALM).plusSeconds(1);

        recovery.handle(new IllegalStateException("3"));

        assertThat(waits).last().isEqualTo(StreamThreadRecovery.FIRST_BACKOFF);
        assertThat(recovery.failuresInARow()).isEqualTo(1);
    }

    @Test
    void streamWhoseThreadsKeepDyingIsFailingUntilTheNextFailureIsOverdue() {
        StreamThreadRecovery recovery = recovery();
        recovery.handle(new IllegalStateException("1"));
        assertThat(recovery.isFailing()).isFalse();
        recovery.handle(new IllegalStateException("2"));
        recovery.handle(new IllegalStateException("registry away"));

        assertThat(recovery.isFailing()).isTrue();
        assertThat(recovery.lastCause()).isEqualTo("registry away");
        now = now.plus(StreamThreadRecovery.backoff(3).multipliedBy(2));
        assertThat(recovery.isFailing()).as("the next failure may still come").isTrue();
        now = now.plus(StreamThreadRecovery.SETTLE);
        assertThat(recovery.isFailing()).as("no failure when the next was due").isFalse();
    }

    private StreamThreadRecovery recovery() {
        return new StreamThreadRecovery("riskstream-fraud", meters, new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        }, waits::add);
    }
}
