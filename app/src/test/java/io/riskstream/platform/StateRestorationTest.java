package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class StateRestorationTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final StateRestoration restoration = new StateRestoration(meters);
    private final TopicPartition changelog = new TopicPartition("riskstream-fraud-card-profiles-changelog", 2);

    @Test
    void outOfServiceWhileAStoreRestoresWithItsProgressThenUp() {
        StateRestoreListener fraud = restoration.listenerOf("riskstream-fraud");
        restoration.listenerOf("riskstream-logins");
        assertThat(restoration.health().getStatus()).isEqualTo(Status.UP);

        fraud.onRestoreStart(changelog, "card-profiles", 100, 1100);
        fraud.onBatchRestored(changelog, "card-profiles", 500, 400);

        assertThat(restoration.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(restoration.health().getDetails().get("riskstream-fraud")).isEqualTo(Map.of("restoring", 1,
                "stores", Map.of("card-profiles " + changelog, Map.of("restored", 400L, "toRestore", 1000L))));
        assertThat(restoration.health().getDetails().get("riskstream-logins")).isEqualTo(Map.of("restoring", 0));
        assertThat(meters.get(StateRestoration.RESTORING_METRIC).tag("stream", "riskstream-fraud").gauge().value())
                .isEqualTo(1);
        assertThat(meters.get(StateRestoration.REMAINING_METRIC).tag("stream", "riskstream-fraud").gauge().value())
                .isEqualTo(600);

        fraud.onRestoreEnd(changelog, "card-profiles", 1000);
        assertThat(restoration.health().getStatus()).isEqualTo(Status.UP);
        assertThat(meters.get(StateRestoration.RESTORING_METRIC).tag("stream", "riskstream-fraud").gauge().value())
                .isZero();
    }

    @Test
    void aRestorationSuspendedBecauseTheTaskMovedAwayNoLongerCounts() {
        StateRestoreListener fraud = restoration.listenerOf("riskstream-fraud");
        fraud.onRestoreStart(changelog, "card-profiles", 0, 50);

        fraud.onRestoreSuspended(changelog, "card-profiles", 10);

        assertThat(restoration.health().getStatus()).isEqualTo(Status.UP);
    }
}
