package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.riskstream.platform.state.StateSerde;

/**
 * What happens at run time to a state value this build cannot read (a newer build wrote it, then was rolled
 * back): the record that meets it goes to the dead-letter topic by the processing-error path, and the stream
 * goes on with the next record; a punctuator that meets it is dead-lettered as well and runs again next time.
 */
class UnreadableStateTest {

    static final String IN = "in";
    static final String OUT = "out";
    static final String DLQ = "in.dlq";
    static final String STORE = "counts";
    static final Duration SWEEP = Duration.ofSeconds(10);

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final StateSerde<Long> thisBuild = counts(1);
    /** Writes as this build until a test says a newer build took over the store. */
    private final SwitchingSerde store = new SwitchingSerde();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> input;
    private TestOutputTopic<String, Long> output;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), store));
        builder.stream(IN, Consumed.with(Serdes.String(), Serdes.String()))
                .process(Counter::new, STORE)
                .to(OUT, Produced.with(Serdes.String(), Serdes.Long()));
        driver = TopologyTests.lastResortDriver(builder.build(), "unreadable-state-test", DLQ, producer,
                Instant.parse("2026-06-01T00:00:00Z"));
        input = driver.createInputTopic(IN, Serdes.String().serializer(), Serdes.String().serializer());
        output = driver.createOutputTopic(OUT, Serdes.String().deserializer(), Serdes.Long().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aRecordMeetingStateOfANewerVersionIsDeadLetteredAndTheStreamGoesOn() {
        store.writer = counts(2);
        input.pipeInput("ana", "written by a newer build");
        store.writer = thisBuild;

        input.pipeInput("ana", "read by this one");
        input.pipeInput("bo", "another key");

        assertThat(output.readKeyValuesToList()).extracting(kv -> kv.key + "=" + kv.value)
                .containsExactly("ana=1", "bo=1");
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> letter = producer.history().get(0);
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("read by this one");
        assertThat(header(letter, DeadLetters.REASON_CODE_HEADER)).isEqualTo("processing-error");
        assertThat(header(letter, DeadLetters.REASON_HEADER)).contains("version 2, which this build does not read");
    }

    @Test
    void aPunctuatorMeetingStateOfANewerVersionIsDeadLetteredAndRunsAgainNextTime() {
        store.writer = counts(2);
        input.pipeInput("ana", "written by a newer build");
        store.writer = thisBuild;

        driver.advanceWallClockTime(SWEEP);
        driver.advanceWallClockTime(SWEEP);
        input.pipeInput("bo", "the stream goes on");

        assertThat(output.readKeyValuesToList()).extracting(kv -> kv.key + "=" + kv.value)
                .containsExactly("ana=1", "bo=1");
        assertThat(producer.history()).hasSize(2).allSatisfy(letter -> assertThat(
                header(letter, DeadLetters.REASON_HEADER)).contains("which this build does not read"));
    }

    /** A count per key, in the store; a wall-clock sweep reads every stored count. */
    private static final class Counter implements Processor<String, String, String, Long> {

        private ProcessorContext<String, Long> context;
        private KeyValueStore<String, Long> counts;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            this.context = context;
            this.counts = context.getStateStore(STORE);
            context.schedule(SWEEP, PunctuationType.WALL_CLOCK_TIME, now -> {
                try (KeyValueIterator<String, Long> all = counts.all()) {
                    all.forEachRemaining(kv -> { });
                }
            });
        }

        @Override
        public void process(Record<String, String> record) {
            Long before = counts.get(record.key());
            long count = before == null ? 1 : before + 1;
            counts.put(record.key(), count);
            context.forward(record.withValue(count));
        }
    }

    private static StateSerde<Long> counts(int version) {
        return new StateSerde<>("count", version, (count, out) -> out.writeVarLong(count),
                Map.of(version, in -> in.readVarLong()));
    }

    /** The store's serde: reads as this build, writes as {@link #writer}. */
    private final class SwitchingSerde implements Serde<Long> {

        private StateSerde<Long> writer = thisBuild;

        @Override
        public Serializer<Long> serializer() {
            return (topic, value) -> writer.serializer().serialize(topic, value);
        }

        @Override
        public Deserializer<Long> deserializer() {
            return thisBuild.deserializer();
        }
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
