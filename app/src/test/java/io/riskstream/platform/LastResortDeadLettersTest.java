package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The path of last resort, as Kafka Streams calls it: a processor that throws for one record sends the record as
 * it was read to the dead-letter topic, and the stream goes on with the next one.
 */
class LastResortDeadLettersTest {

    static final String IN = "in";
    static final String OUT = "out";
    static final String DLQ = "in.dlq";

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> input;
    private TestOutputTopic<String, String> output;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(IN, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> {
                    if (value.startsWith("boom")) {
                        throw new IllegalStateException("a bug met " + value);
                    }
                    return value.toUpperCase();
                })
                .to(OUT, Produced.with(Serdes.String(), Serdes.String()));
        driver = TopologyTests.lastResortDriver(builder.build(), "last-resort-test", DLQ, producer,
                Instant.parse("2026-06-01T00:00:00Z"));
        input = driver.createInputTopic(IN, Serdes.String().serializer(), Serdes.String().serializer());
        output = driver.createOutputTopic(OUT, Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void recordAProcessorThrowsForGoesToTheDeadLetterTopicAsReadAndTheStreamGoesOn() {
        input.pipeInput(new TestRecord<>("k1", "boom-1", new RecordHeaders().add("trace", bytes("t1")),
                Instant.parse("2026-06-01T00:00:00Z")));
        input.pipeInput("k2", "fine");

        assertThat(output.readValuesToList()).containsExactly("FINE");
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> letter = producer.history().get(0);
        assertThat(letter.topic()).isEqualTo(DLQ);
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("k1");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("boom-1");
        assertThat(header(letter, "trace")).isEqualTo("t1");
        assertThat(header(letter, DeadLetters.TOPIC_HEADER)).isEqualTo(IN);
        assertThat(header(letter, DeadLetters.OFFSET_HEADER)).isEqualTo("0");
        assertThat(header(letter, DeadLetters.REASON_CODE_HEADER)).isEqualTo("processing-error");
        assertThat(header(letter, DeadLetters.REASON_HEADER)).contains("a bug met boom-1");
        assertThat(header(letter, DeadLetters.STREAM_HEADER)).isEqualTo("last-resort-test");
    }

    @Test
    void outputRefusedForItsSizeSendsItsInputToTheDeadLetterTopic() {
        OutputErrorHandler handler = new OutputErrorHandler();
        java.util.Map<String, Object> config = new java.util.HashMap<>();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "last-resort-test");
        config.put(LastResortDeadLetters.DEAD_LETTER_TOPIC_CONFIG, DLQ);
        config.put(LastResortDeadLetters.PRODUCER_CONFIG, producer);
        handler.configure(config);
        var context = new Context(IN, 3, 42, bytes("card-1"), bytes("raw transaction"));

        var response = handler.handle(context, new ProducerRecord<>("fraud-decisions", bytes("k"), bytes("v")),
                new RecordTooLargeException("too large"));

        assertThat(response).isEqualTo(
                org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse.CONTINUE);
        ProducerRecord<byte[], byte[]> letter = producer.history().get(0);
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("raw transaction");
        assertThat(header(letter, DeadLetters.REASON_CODE_HEADER)).isEqualTo("output-refused");
        assertThat(header(letter, DeadLetters.REASON_HEADER)).contains("fraud-decisions", "too large");
        assertThat(header(letter, DeadLetters.OFFSET_HEADER)).isEqualTo("42");
    }

    @Test
    void transientFailureFailsTheThreadInsteadOfDeadLettering() {
        OutputErrorHandler handler = new OutputErrorHandler();
        java.util.Map<String, Object> config = new java.util.HashMap<>();
        config.put(LastResortDeadLetters.DEAD_LETTER_TOPIC_CONFIG, DLQ);
        config.put(LastResortDeadLetters.PRODUCER_CONFIG, producer);
        handler.configure(config);
        var context = new Context(IN, 0, 1, null, null);

        var response = handler.handle(context, new ProducerRecord<>("out", bytes("k"), bytes("v")),
                new org.apache.kafka.common.errors.TimeoutException("broker away"));

        assertThat(response).isEqualTo(
                org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse.FAIL);
        assertThat(producer.history()).isEmpty();
    }

    /** What Kafka Streams tells a handler about the record at hand. */
    record Context(String topic, int partition, long offset, byte[] sourceRawKey, byte[] sourceRawValue)
            implements org.apache.kafka.streams.errors.ErrorHandlerContext {

        @Override
        public org.apache.kafka.common.header.Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "sink";
        }

        @Override
        public org.apache.kafka.streams.processor.TaskId taskId() {
            return new org.apache.kafka.streams.processor.TaskId(0, partition);
        }

        @Override
        public long timestamp() {
            return 0;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
