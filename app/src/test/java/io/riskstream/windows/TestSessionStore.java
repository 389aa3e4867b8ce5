package io.riskstream.windows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;

/**
 * A persistent session store as {@link MergingSessions#storeBuilder} makes it (RocksDB, the production kind), in a
 * topology test driver of its own (the store needs a running task), whose values are the sorted event times of a
 * session.
 */
final class TestSessionStore implements AutoCloseable {

    static final Serde<List<Long>> TIMES = Serdes.ListSerde(ArrayList.class, Serdes.Long());
    /** Longer than any test's times, so that nothing ages out behind the store's stream time. */
    static final Duration RETENTION = Duration.ofDays(365);
    static final Comparator<Session<String, List<Long>>> ORDER =
            Comparator.<Session<String, List<Long>>, String>comparing(Session::key).thenComparingLong(Session::start);
    private static final String STORE = "sessions";

    final SessionStore<String, List<Long>> store;
    private final TopologyTestDriver driver;

    TestSessionStore() {
        Topology topology = new Topology();
        topology.addSource("events", Serdes.String().deserializer(), Serdes.String().deserializer(), "events");
        topology.addProcessor("holder", Holder::new, "events");
        topology.addStateStore(MergingSessions.storeBuilder(STORE, RETENTION, Serdes.String(), TIMES)
                .withLoggingDisabled(), "holder");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "merging-sessions-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir());
        driver = new TopologyTestDriver(topology, config);
        store = driver.getSessionStore(STORE);
    }

    /** Sessions of a key: events at most {@code gap} apart, merged by joining their sorted times. */
    MergingSessions<String, List<Long>> sessions(Duration gap) {
        return new MergingSessions<>(store, gap, TestSessionStore::join);
    }

    static List<Long> join(List<Long> one, List<Long> other) {
        return Stream.concat(one.stream(), other.stream()).sorted().toList();
    }

    /** Every stored session, by key and start. */
    List<Session<String, List<Long>>> all() {
        List<Session<String, List<Long>>> all = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, List<Long>> it = store.findSessions(null, null, 0, Long.MAX_VALUE)) {
            it.forEachRemaining(entry -> all.add(new Session<>(entry.key.key(), entry.key.window().start(),
                    entry.key.window().end(), entry.value)));
        }
        all.sort(ORDER);
        return all;
    }

    @Override
    public void close() {
        driver.close();
    }

    /** Only there to own the store: the tests use the store directly. */
    private static final class Holder implements Processor<String, String, Void, Void> {

        @Override
        public void process(Record<String, String> record) {
        }
    }

    private static String stateDir() {
        try {
            java.nio.file.Path dir = Files.createTempDirectory("merging-sessions");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
