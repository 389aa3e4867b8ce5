package io.riskstream.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import java.util.Properties;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** Shared set-up of TopologyTestDriver tests: the app's own event-time extractor and string keys. */
public final class TopologyTests {

    private TopologyTests() {
    }

    /**
     * Limits whose event-time window is a year each way around {@code clock}: for tests of what a topology does with
     * good records, whose event times span weeks around a fixed test clock.
     */
    public static InputLimits lenientLimits(Clock clock) {
        return new InputLimits(Duration.ofDays(365), Duration.ofDays(365), 3 * 1024 * 1024, clock);
    }

    /** A driver whose event-time extractor uses {@code limits}, as the topology's own checks do. */
    public static TopologyTestDriver driver(Topology topology, InputLimits limits) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, EventTimeExtractor.class);
        config.put(EventTimeExtractor.LIMITS_CONFIG, limits);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Each driver its own state directory: tests of several builds on one machine never share RocksDB files.
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir());
        // The driver's wall clock starts where the limits' clock is: dead letters are stamped with it.
        return new TopologyTestDriver(topology, config, limits.clock().instant());
    }

    /**
     * A driver whose processing errors take the path of last resort, {@link ProcessingErrorHandler}, writing with
     * {@code producer} to {@code deadLetterTopic}; its wall clock starts at {@code start}.
     */
    static TopologyTestDriver lastResortDriver(Topology topology, String applicationId, String deadLetterTopic,
                                               Producer<byte[], byte[]> producer, Instant start) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingErrorHandler.class);
        config.put(LastResortDeadLetters.DEAD_LETTER_TOPIC_CONFIG, deadLetterTopic);
        config.put(LastResortDeadLetters.PRODUCER_CONFIG, producer);
        return new TopologyTestDriver(topology, config, start);
    }

    private static String stateDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("topology-test");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
