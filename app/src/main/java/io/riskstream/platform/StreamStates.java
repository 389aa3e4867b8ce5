package io.riskstream.platform;

import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauge {@value #METRIC}{@code {stream,state}}: 1 for the state each stream's Kafka Streams client is in, 0 for the
 * others; all 0 while the stream has no client (before its start, after its stop). Kafka Streams' own
 * {@code client-state} metric (KIP-1091) is the state's ordinal, and it is removed with the client's other metrics
 * when the client shuts down for an error: the one state an operator must see would show as no data. These gauges
 * outlive the client, and name the stream.
 */
final class StreamStates {

    static final String METRIC = "riskstream.streams.state";

    private StreamStates() {
    }

    /** The gauges of {@code stream}, reading its client's state from {@code current} (null: no client) at each scrape. */
    static void register(MeterRegistry meters, String stream, Supplier<KafkaStreams.State> current) {
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            Gauge.builder(METRIC, current, now -> now.get() == state ? 1 : 0)
                    .description("1 for the state the stream's Kafka Streams client is in, 0 for the others")
                    .tags("stream", stream, "state", state.name())
                    // Nothing else holds the supplier: a gauge's default weak reference would lose it at the next GC.
                    .strongReference(true)
                    .register(meters);
        }
    }
}
