package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class StreamStatesTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicReference<KafkaStreams.State> client = new AtomicReference<>();

    @Test
    void theStateTheClientIsInIsOneAndEveryOtherZero() {
        StreamStates.register(meters, "riskstream-fraud", client::get);

        client.set(KafkaStreams.State.RUNNING);
        assertThat(states()).containsEntry("RUNNING", 1.0).containsEntry("REBALANCING", 0.0)
                .containsEntry("ERROR", 0.0).hasSize(KafkaStreams.State.values().length);

        client.set(KafkaStreams.State.ERROR);
        assertThat(states()).containsEntry("ERROR", 1.0).containsEntry("RUNNING", 0.0);
    }

    @Test
    void aStreamWithNoClientIsInNoState() {
        StreamStates.register(meters, "riskstream-fraud", client::get);

        assertThat(states().values()).containsOnly(0.0);
    }

    @Test
    void eachStreamHasItsOwnGauges() {
        AtomicReference<KafkaStreams.State> other = new AtomicReference<>(KafkaStreams.State.REBALANCING);
        client.set(KafkaStreams.State.RUNNING);
        StreamStates.register(meters, "riskstream-fraud", client::get);
        StreamStates.register(meters, "riskstream-logins", other::get);

        assertThat(meters.get(StreamStates.METRIC).tags("stream", "riskstream-logins", "state", "REBALANCING")
                .gauge().value()).isEqualTo(1);
        assertThat(meters.get(StreamStates.METRIC).tags("stream", "riskstream-fraud", "state", "REBALANCING")
                .gauge().value()).isZero();
    }

    private Map<String, Double> states() {
        Map<String, Double> byState = new TreeMap<>();
        for (Gauge gauge : meters.get(StreamStates.METRIC).tag("stream", "riskstream-fraud").gauges()) {
            byState.put(gauge.getId().getTag("state"), gauge.value());
        }
        return byState;
    }
}
